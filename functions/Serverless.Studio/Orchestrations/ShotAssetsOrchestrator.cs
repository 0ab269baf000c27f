using Microsoft.DurableTask;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Shots;
using Serverless.Studio.Tasks;

namespace Serverless.Studio.Orchestrations;

/// <summary>
/// Draws or records shots of a saved storyboard on their own (all pictures, one regenerated picture, all spoken
/// lines) through the video's own activities, in parallel, and writes the results onto the storyboard.
/// </summary>
public sealed class ShotAssetsOrchestrator : TaskOrchestrator<ShotAssetsRequest, bool>
{
    private static readonly TaskOptions Retried = new(new RetryPolicy(4, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(20)));

    public override async Task<bool> RunAsync(TaskOrchestrationContext context, ShotAssetsRequest input)
    {
        var request = input.Request;
        var progress = new PipelineProgress(context);
        try
        {
            progress.Begin(PipelineStage.Assets);

            // Nothing new is declared: this reads the bible with every edit, as the video's own casting does.
            var characters = await context.CallActivityAsync<IReadOnlyList<Character>>(
                nameof(CastCharactersActivity), new CastCharactersInput(request, []), Retried);
            var images = new List<Task<DrawnShot>>();
            var voices = new List<Task<VoiceClip>>();
            if (input.Kind == ShotAssetKind.Images)
            {
                images.AddRange(input.Shots.Select(shot => context.CallActivityAsync<DrawnShot>(
                    nameof(DrawShotActivity), new DrawShotInput(request, shot, characters), Retried)));
            }
            else
            {
                voices.AddRange(input.Shots.Where(shot => shot.IsSpoken).Select(shot => context.CallActivityAsync<VoiceClip>(
                    nameof(RecordVoiceActivity), new RecordVoiceInput(request, shot, characters), Retried)));
            }

            await Task.WhenAll(images.Cast<Task>().Concat(voices));
            await context.CallActivityAsync<bool>(
                nameof(RecordShotAssetsActivity),
                new RecordShotAssetsInput(request, images.Select(t => t.Result).ToList(), voices.Select(t => t.Result).ToList()),
                Retried);
            await context.CallActivityAsync(nameof(CompleteTaskActivity), request, Retried);
            progress.Complete();
            return true;
        }
        catch (TaskFailedException failed)
        {
            var error = new TaskError(ErrorCodes.GenerationFailed, $"{failed.TaskName} failed: {failed.FailureDetails.ErrorMessage}");
            progress.Fail(error.Message);
            await context.CallActivityAsync(nameof(RecordFailureActivity), new RecordFailureInput(request, error), Retried);
            return false;
        }
    }
}
