using Microsoft.DurableTask;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Storyboards;
using Serverless.Studio.Tasks;

namespace Serverless.Studio.Orchestrations;

/// <summary>
/// A storyboard on its own (<c>POST .../storyboard/generate</c>): the first steps of <see cref="VideoOrchestrator"/>,
/// through the same activities, ending with the storyboard saved on the project.
/// </summary>
public sealed class StoryboardOrchestrator : TaskOrchestrator<VideoRequest, bool>
{
    public override async Task<bool> RunAsync(TaskOrchestrationContext context, VideoRequest request)
    {
        var progress = new PipelineProgress(context);
        TaskError error;
        try
        {
            progress.Begin(PipelineStage.Parse);
            var parsed = await context.CallActivityAsync<ParseResult>(nameof(ParseScriptActivity), request.Script, ActivityRetries.Retried);
            if (parsed.Screenplay is { } screenplay)
            {
                var characters = await context.CallActivityAsync<IReadOnlyList<Character>>(
                    nameof(CastCharactersActivity), new CastCharactersInput(request, screenplay.Characters), ActivityRetries.Retried);
                progress.Begin(PipelineStage.Storyboard);
                var storyboard = await context.CallActivityAsync<Storyboard>(
                    nameof(PlanStoryboardActivity), new PlanStoryboardInput(request, screenplay with { Characters = characters }), ActivityRetries.Retried);
                await context.CallActivityAsync(nameof(SaveStoryboardActivity), new SaveStoryboardInput(request, storyboard), ActivityRetries.Retried);
                await context.CallActivityAsync(nameof(CompleteTaskActivity), request, ActivityRetries.Retried);
                progress.Complete();
                return true;
            }

            error = new TaskError(ErrorCodes.InvalidParameters, $"The script could not be used: {parsed.Error}");
        }
        catch (TaskFailedException failed)
        {
            error = ActivityFailures.ErrorOf(failed);
        }

        progress.Fail(error.Message);
        await context.CallActivityAsync(nameof(RecordFailureActivity), new RecordFailureInput(request, error), ActivityRetries.Retried);
        return false;
    }
}
