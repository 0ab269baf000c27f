using Microsoft.DurableTask;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Shots;
using Serverless.Studio.Storyboards;
using Serverless.Studio.Tasks;

namespace Serverless.Studio.Orchestrations;

/// <summary>
/// Draws or records shots of a saved storyboard on their own (all pictures, one regenerated picture, all spoken
/// lines) through the video's own activities, in parallel, and writes the results onto the storyboard: each picture as
/// it is drawn, the voices together.
/// </summary>
public sealed class ShotAssetsOrchestrator : TaskOrchestrator<ShotAssetsRequest, bool>
{
    public override async Task<bool> RunAsync(TaskOrchestrationContext context, ShotAssetsRequest input)
    {
        var request = input.Request;
        var progress = new PipelineProgress(context);
        try
        {
            progress.Begin(PipelineStage.Assets);

            var characters = input.Cast;
            if (input.Kind == ShotAssetKind.Images)
            {
                await DrawAsync(context, request, input.Shots, characters);
            }
            else
            {
                // Voices are written together: fitting the shots to the measured speech wants every clip.
                var voices = await Task.WhenAll(input.Shots.Where(shot => shot.IsSpoken).Select(shot => context.CallActivityAsync<VoiceClip>(
                    nameof(RecordVoiceActivity), new RecordVoiceInput(request, shot, characters), ActivityRetries.Retried)));
                await RecordAsync(context, new RecordShotAssetsInput(request, [], voices));
            }

            await context.CallActivityAsync(nameof(CompleteTaskActivity), request, ActivityRetries.Retried);
            progress.Complete();
            return true;
        }
        catch (TaskFailedException failed)
        {
            var error = ActivityFailures.ErrorOf(failed);
            progress.Fail(error.Message);
            await context.CallActivityAsync(nameof(RecordFailureActivity), new RecordFailureInput(request, error), ActivityRetries.Retried);
            return false;
        }
    }

    /// <summary>
    /// Draws the shots, each draw writing its own picture onto the storyboard, so the studio shows the first as soon as it
    /// is drawn rather than after one more trip through the task hub's queues to a separate write.
    /// </summary>
    internal static Task DrawAsync(TaskOrchestrationContext context, VideoRequest request, IReadOnlyList<StoryboardShot> shots, IReadOnlyList<Character> characters) =>
        // Scheduled in storyboard order, so the first shots are picked up (and shown) first.
        Task.WhenAll(shots.Select(shot => context.CallActivityAsync<DrawnShot>(
            nameof(DrawShotActivity), new DrawShotInput(request, shot, characters, OntoStoryboard: true), ActivityRetries.Retried)));

    private static Task RecordAsync(TaskOrchestrationContext context, RecordShotAssetsInput input) =>
        context.CallActivityAsync<bool>(nameof(RecordShotAssetsActivity), input, ActivityRetries.Retried);
}
