using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Providers.Fallback;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Storyboards;
using Serverless.Studio.Tasks;
using Serverless.Studio.Webhooks;

namespace Serverless.Studio.Orchestrations;

/// <summary>
/// Script to video: parse, plan the storyboard, draw every shot and record every spoken line in parallel,
/// hand the render to a worker, wait for it, publish. Each step is an activity, so a crash at any point
/// resumes from the last completed one.
/// </summary>
public sealed class VideoOrchestrator(Microsoft.Extensions.Options.IOptions<StudioOptions> options) : TaskOrchestrator<VideoRequest, VideoResult?>
{
    private static readonly TaskOptions Retried = new(new RetryPolicy(4, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(20)));

    public override async Task<VideoResult?> RunAsync(TaskOrchestrationContext context, VideoRequest request)
    {
        var progress = new PipelineProgress(context);
        try
        {
            var saved = request.FromSavedStoryboard
                ? await context.CallActivityAsync<Storyboard?>(nameof(LoadSavedStoryboardActivity), request, Retried)
                : null;
            var (storyboard, characters) = saved is null
                ? await ParseAndPlanAsync(context, request, progress)
                : (saved, await context.CallActivityAsync<IReadOnlyList<Character>>(
                    nameof(CastCharactersActivity), new CastCharactersInput(request, []), Retried));
            await NotifyAsync(context, request, WebhookEvents.StoryboardReady, new VideoEventData(
                request.TaskId, request.ProjectId, "storyboard_ready", ShotCount: storyboard.Shots.Count));
            if (request.ApprovalRequired)
            {
                await AwaitApprovalAsync(context, request, storyboard, progress, save: saved is null);
            }

            progress.Begin(PipelineStage.Assets);

            // A saved picture is kept unless the video is another shape than the storyboard it was drawn for;
            // missing ones are drawn in the storyboard's own style.
            var keepPictures = storyboard.AspectRatio == request.AspectRatio;
            var drawing = request with { Style = storyboard.Style };
            var images = storyboard.Shots
                .Select(shot => shot.Image is { } image && keepPictures
                    ? Task.FromResult(new DrawnShot(shot.Id, image, shot.ImageProvider ?? ProviderNames.Offline))
                    : context.CallActivityAsync<DrawnShot>(
                        nameof(DrawShotActivity), new DrawShotInput(drawing, shot, characters), Retried))
                .ToList();
            var voices = storyboard.Shots
                .Where(shot => shot.LineType != ScriptLineType.Action)
                .Select(shot => shot is { Voice: { } clip, VoiceSeconds: { } seconds }
                    ? Task.FromResult(new VoiceClip(shot.Id, clip, seconds, string.Empty, shot.VoiceProvider ?? ProviderNames.Offline, shot.VoiceWords))
                    : context.CallActivityAsync<VoiceClip>(
                        nameof(RecordVoiceActivity), new RecordVoiceInput(request, shot, characters), Retried))
                .ToList();
            await Task.WhenAll(images.Cast<Task>().Concat(voices));

            progress.Begin(PipelineStage.Render);
            var submission = await context.CallActivityAsync<RenderSubmission>(
                nameof(SubmitRenderActivity),
                new SubmitRenderInput(request, storyboard, images.Select(t => t.Result).ToList(), voices.Select(t => t.Result).ToList()),
                Retried);
            if (submission.Refusal is { } refusal)
            {
                throw new PipelineFailure(ErrorCodes.InvalidParameters, refusal);
            }

            var rendered = await AwaitRenderAsync(context, submission, progress);
            if (!rendered.Succeeded || rendered.Video is null)
            {
                throw new PipelineFailure(ErrorCodes.RenderFailed, $"Rendering failed: {rendered.Error ?? "the worker gave no reason"}");
            }

            progress.Begin(PipelineStage.Finalize);
            await context.CallActivityAsync(nameof(PublishVideoActivity), new PublishVideoInput(request, rendered), Retried);
            progress.Complete();
            await NotifyAsync(context, request, WebhookEvents.VideoCompleted, new VideoEventData(
                request.TaskId, request.ProjectId, "completed", DurationSeconds: rendered.DurationSeconds, SizeBytes: rendered.SizeBytes));
            return new VideoResult(rendered.Video, rendered.DurationSeconds, rendered.SizeBytes);
        }
        // A wait for an event that outlives its timeout ends in OperationCanceledException (the Durable Task SDK's timer won).
        catch (Exception e) when (e is PipelineFailure or TaskFailedException or OperationCanceledException)
        {
            var error = e switch
            {
                PipelineFailure failure => new TaskError(failure.Code, failure.Message),
                OperationCanceledException => new TaskError(ErrorCodes.RenderFailed, "The render worker did not answer in time."),
                TaskFailedException failed => new TaskError(ErrorCodes.GenerationFailed, $"{failed.TaskName} failed: {failed.FailureDetails.ErrorMessage}"),
                _ => new TaskError(ErrorCodes.System, e.Message),
            };
            progress.Fail(error.Message);
            await context.CallActivityAsync(nameof(RecordFailureActivity), new RecordFailureInput(request, error), Retried);
            await NotifyAsync(context, request, WebhookEvents.VideoFailed, new VideoEventData(
                request.TaskId, request.ProjectId, "failed", ErrorCode: error.Code, ErrorMessage: error.Message));
            return null;
        }
    }

    /// <summary>Parses the script, casts its characters against the bible and plans a storyboard from scratch.</summary>
    private static async Task<(Storyboard Storyboard, IReadOnlyList<Character> Characters)> ParseAndPlanAsync(
        TaskOrchestrationContext context, VideoRequest request, PipelineProgress progress)
    {
        progress.Begin(PipelineStage.Parse);
        var parsed = await context.CallActivityAsync<ParseResult>(nameof(ParseScriptActivity), request.Script, Retried);
        if (parsed.Screenplay is not { } screenplay)
        {
            throw new PipelineFailure(ErrorCodes.InvalidParameters, $"The script could not be used: {parsed.Error}");
        }

        screenplay = screenplay with
        {
            Characters = await context.CallActivityAsync<IReadOnlyList<Character>>(
                nameof(CastCharactersActivity), new CastCharactersInput(request, screenplay.Characters), Retried),
        };

        progress.Begin(PipelineStage.Storyboard);
        var storyboard = await context.CallActivityAsync<Storyboard>(
            nameof(PlanStoryboardActivity), new PlanStoryboardInput(request, screenplay), Retried);
        return (storyboard, screenplay.Characters);
    }

    /// <summary>
    /// Waits for <see cref="RenderCompleted"/> within the render timeout (one timer for the whole wait), showing each
    /// <see cref="RenderProgressReport"/> of this job in the custom status as it arrives.
    /// </summary>
    private async Task<RenderCompleted> AwaitRenderAsync(TaskOrchestrationContext context, RenderSubmission submission, PipelineProgress progress)
    {
        var completed = context.WaitForExternalEvent<RenderCompleted>(RenderCompleted.EventName, options.Value.RenderTimeout);
        var report = context.WaitForExternalEvent<RenderProgressReport>(RenderProgressReport.EventName);
        while (await Task.WhenAny(completed, report) == report)
        {
            var value = await report;
            if (value.JobId == submission.JobId)
            {
                progress.Report(value.Percent, value.Step, value.EstimatedRemainingSeconds);
            }

            report = context.WaitForExternalEvent<RenderProgressReport>(RenderProgressReport.EventName);
        }

        return await completed;
    }

    /// <summary>Shows the storyboard and waits for <see cref="StoryboardApproval"/>; a storyboard left unapproved fails the video.</summary>
    private async Task AwaitApprovalAsync(TaskOrchestrationContext context, VideoRequest request, Storyboard storyboard, PipelineProgress progress, bool save)
    {
        if (save)
        {
            await context.CallActivityAsync(nameof(SaveStoryboardActivity), new SaveStoryboardInput(request, storyboard), Retried);
        }

        progress.Begin(PipelineStage.Approval);
        try
        {
            await context.WaitForExternalEvent<StoryboardApproval>(StoryboardApproval.EventName, options.Value.ApprovalTimeout);
        }
        catch (OperationCanceledException)
        {
            throw new PipelineFailure(
                ErrorCodes.GenerationFailed,
                $"The storyboard was not approved within {options.Value.ApprovalTimeout}; approve it with POST /api/v1/projects/{request.ProjectId}/storyboard/approve in time, or render again.");
        }
    }

    /// <summary>
    /// Starts the webhook deliveries of an event without waiting for them (each has its own orchestration); a failure
    /// to announce is logged and never fails the video.
    /// </summary>
    private static async Task NotifyAsync(TaskOrchestrationContext context, VideoRequest request, string type, VideoEventData data)
    {
        try
        {
            await context.CallActivityAsync<int>(
                nameof(RaiseWebhookEventActivity), new WebhookEventInput(request.UserId, type, context.CurrentUtcDateTime, data), Retried);
        }
        catch (TaskFailedException e)
        {
            context.CreateReplaySafeLogger(nameof(VideoOrchestrator))
                .LogWarning("Webhook event {Event} of {TaskId} was not raised: {Reason}", type, request.TaskId, e.FailureDetails.ErrorMessage);
        }
    }

    /// <summary>An expected way for a video to fail, with the code and words the user sees.</summary>
    private sealed class PipelineFailure(int code, string message) : Exception(message)
    {
        public int Code { get; } = code;
    }
}
