using Microsoft.DurableTask;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Tasks;

namespace Serverless.Studio.Orchestrations;

/// <summary>
/// A storyboard on its own (<c>POST .../storyboard/generate</c>): the first steps of <see cref="VideoOrchestrator"/>
/// (parse, cast, plan, save, in one <see cref="DraftStoryboardActivity"/>), ending with the storyboard saved on the
/// project; asked to (<see cref="VideoRequest.ShotsToDraw"/>), the draft draws the first shot and the task then draws
/// the others as <see cref="ShotAssetsOrchestrator"/> does.
/// </summary>
public sealed class StoryboardOrchestrator : TaskOrchestrator<VideoRequest, bool>
{
    public override async Task<bool> RunAsync(TaskOrchestrationContext context, VideoRequest request)
    {
        var progress = new PipelineProgress(context);
        TaskError error;
        try
        {
            progress.Begin(PipelineStage.Storyboard);
            var drafted = await context.CallActivityAsync<DraftedStoryboard>(nameof(DraftStoryboardActivity), request, ActivityRetries.Retried);
            if (drafted.Storyboard is { } storyboard)
            {
                if (request.ShotsToDraw is > 0 and var paid)
                {
                    // Drawn in the same task, straight after the plan (its first shot by the draft itself): no second task
                    // to start, so the studio's first picture waits on no client round trip and no second orchestration.
                    // Never more than was charged.
                    progress.Begin(PipelineStage.Assets);
                    await ShotAssetsOrchestrator.DrawAsync(context, request, storyboard.Shots.Take(paid).Skip(drafted.Drawn).ToList(), drafted.Cast);
                }

                await context.CallActivityAsync(nameof(CompleteTaskActivity), request, ActivityRetries.Retried);
                progress.Complete();
                return true;
            }

            error = new TaskError(ErrorCodes.InvalidParameters, $"The script could not be used: {drafted.Error}");
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
