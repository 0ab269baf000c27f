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
    public override async Task<VideoResult?> RunAsync(TaskOrchestrationContext context, VideoRequest request)
    {
        var progress = new PipelineProgress(context);
        try
        {
            var saved = request.FromSavedStoryboard
                ? await context.CallActivityAsync<SavedStoryboard?>(nameof(LoadSavedStoryboardActivity), request, ActivityRetries.Retried)
                : null;
            var (storyboard, characters) = saved is null
                ? await ParseAndPlanAsync(context, request, progress)
                : (saved.Storyboard, saved.Characters);
            var storyboardReady = NotifyAsync(context, request, WebhookEvents.StoryboardReady, new VideoEventData(
                request.TaskId, request.ProjectId, "storyboard_ready", ShotCount: storyboard.Shots.Count));
            if (request.ApprovalRequired)
            {
                // The announcement is what asks for the approval: it is out before the wait begins.
                await storyboardReady;
                await AwaitApprovalAsync(context, request, storyboard, progress, save: saved is null);
            }

            progress.Begin(PipelineStage.Assets);

            // A saved picture is kept unless the video is another shape than the storyboard it was drawn for;
            // missing ones are drawn in the storyboard's own style.
            var keepPictures = storyboard.AspectRatio == request.AspectRatio;
            var drawing = request with { Style = storyboard.Style };
            var images = storyboard.Shots
                .Select(shot => shot.Image is { } image && keepPictures
                    ? Task.FromResult(new DrawnShot(shot.Id, image, shot.ImageProvider ?? ProviderNames.Offline, shot.ImagePassedOver))
                    : context.CallActivityAsync<DrawnShot>(
                        nameof(DrawShotActivity), new DrawShotInput(drawing, shot, characters), ActivityRetries.Retried))
                .ToList();
            var voices = storyboard.Shots
                .Where(shot => shot.LineType != ScriptLineType.Action)
                .Select(shot => shot is { Voice: { } clip, VoiceSeconds: { } seconds }
                    ? Task.FromResult(new VoiceClip(shot.Id, clip, seconds, string.Empty, shot.VoiceProvider ?? ProviderNames.Offline, shot.VoiceWords, shot.VoicePassedOver))
                    : context.CallActivityAsync<VoiceClip>(
                        nameof(RecordVoiceActivity), new RecordVoiceInput(request, shot, characters), ActivityRetries.Retried))
                .ToList();

            // Without an approval the announcement goes out beside the pictures and voices rather than a round trip before them.
            await Task.WhenAll(images.Cast<Task>().Concat(voices).Append(storyboardReady));

            progress.Begin(PipelineStage.Render);
            var submission = await context.CallActivityAsync<RenderSubmission>(
                nameof(SubmitRenderActivity),
                new SubmitRenderInput(request, storyboard, images.Select(t => t.Result).ToList(), voices.Select(t => t.Result).ToList()),
                ActivityRetries.Retried);
            if (submission.Refusal is { } refusal)
            {
                throw new PipelineFailure(ErrorCodes.InvalidParameters, refusal);
            }

            var rendered = await RenderAsync(context, submission, progress);
            if (!rendered.Succeeded || rendered.Video is null)
            {
                throw new PipelineFailure(ErrorCodes.RenderFailed, $"Rendering failed: {rendered.Error ?? "the worker gave no reason"}", rendered.Qc);
            }

            progress.Begin(PipelineStage.Finalize);
            var completed = Announcement(context, request, WebhookEvents.VideoCompleted, new VideoEventData(
                request.TaskId, request.ProjectId, "completed", DurationSeconds: rendered.DurationSeconds, SizeBytes: rendered.SizeBytes));
            var announced = await context.CallActivityAsync<bool>(
                nameof(PublishVideoActivity), new PublishVideoInput(request, rendered, completed), ActivityRetries.Retried);
            progress.Complete();
            if (!announced)
            {
                await NotifyAsync(context, completed);
            }

            return new VideoResult(rendered.Video, rendered.DurationSeconds, rendered.SizeBytes);
        }
        // A wait for an event that outlives its timeout ends in OperationCanceledException (the Durable Task SDK's timer won).
        catch (Exception e) when (e is PipelineFailure or TaskFailedException or OperationCanceledException)
        {
            var qc = (e as PipelineFailure)?.Qc;
            var error = e switch
            {
                PipelineFailure failure => new TaskError(failure.Code, failure.Message),
                OperationCanceledException => new TaskError(ErrorCodes.RenderFailed, "The render worker did not answer in time."),
                TaskFailedException failed => ActivityFailures.ErrorOf(failed),
                _ => new TaskError(ErrorCodes.System, e.Message),
            };
            progress.Fail(error.Message);
            await context.CallActivityAsync(nameof(RecordFailureActivity), new RecordFailureInput(request, error, qc), ActivityRetries.Retried);
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
        var parsed = await context.CallActivityAsync<ParseResult>(nameof(ParseScriptActivity), request.Script, ActivityRetries.Retried);
        if (parsed.Screenplay is not { } screenplay)
        {
            throw new PipelineFailure(ErrorCodes.InvalidParameters, $"The script could not be used: {parsed.Error}");
        }

        screenplay = screenplay with
        {
            Characters = await context.CallActivityAsync<IReadOnlyList<Character>>(
                nameof(CastCharactersActivity), new CastCharactersInput(request, screenplay.Characters), ActivityRetries.Retried),
        };

        progress.Begin(PipelineStage.Storyboard);
        var storyboard = await context.CallActivityAsync<Storyboard>(
            nameof(PlanStoryboardActivity), new PlanStoryboardInput(request, screenplay), ActivityRetries.Retried);
        return (storyboard, screenplay.Characters);
    }

    /// <summary>
    /// Waits for the render within the render timeout (one timer for the whole wait). A segmented render fans out: every
    /// segment job is queued at once, for any number of workers; when all are in, the join job is queued and waited for.
    /// A segment whose worker dies is delivered again to another on its own; the others are not rendered again.
    /// </summary>
    private async Task<RenderCompleted> RenderAsync(TaskOrchestrationContext context, RenderSubmission submission, PipelineProgress progress)
    {
        using var stop = new CancellationTokenSource();
        var timeout = context.CreateTimer(context.CurrentUtcDateTime.Add(options.Value.RenderTimeout), stop.Token);
        var waits = new RenderWaits(context, timeout, progress);
        try
        {
            if (submission is { Segments: { Count: > 0 } segments, Join: { } join })
            {
                await Task.WhenAll(segments.Select(segment => context.CallActivityAsync<string>(nameof(QueueRenderJobActivity), segment, ActivityRetries.Retried)));
                var pieces = await waits.AwaitAsync(segments.Select(s => s.JobId).ToList());
                if (pieces.FirstOrDefault(p => !p.Succeeded) is { } failed)
                {
                    return failed with { Error = $"segment {failed.JobId}: {failed.Error ?? "the worker gave no reason"}" };
                }

                await context.CallActivityAsync<string>(nameof(QueueRenderJobActivity), join, ActivityRetries.Retried);
            }

            return (await waits.AwaitAsync([submission.JobId]))[0];
        }
        finally
        {
            // The timer is durable: left running it would wake the ended orchestration once more.
            stop.Cancel();
        }
    }

    /// <summary>
    /// Waits for the <see cref="RenderCompleted"/> of each of a set of jobs, before the timer fires, showing their
    /// <see cref="RenderProgressReport"/>s in the custom status as they arrive (the mean over the set). Results of other
    /// jobs (a segment reported twice after a redelivery) are passed over.
    /// </summary>
    private sealed class RenderWaits(TaskOrchestrationContext context, Task timeout, PipelineProgress progress)
    {
        private Task<RenderCompleted> _completed = context.WaitForExternalEvent<RenderCompleted>(RenderCompleted.EventName);
        private Task<RenderProgressReport> _report = context.WaitForExternalEvent<RenderProgressReport>(RenderProgressReport.EventName);

        /// <returns>The results in the order of <paramref name="jobIds"/>.</returns>
        public async Task<IReadOnlyList<RenderCompleted>> AwaitAsync(IReadOnlyList<string> jobIds)
        {
            var results = new Dictionary<string, RenderCompleted>(StringComparer.Ordinal);
            var percents = jobIds.ToDictionary(id => id, _ => 0.0, StringComparer.Ordinal);
            while (results.Count < jobIds.Count)
            {
                var next = await Task.WhenAny(_completed, _report, timeout);
                if (next == timeout)
                {
                    // The same way out as a timed-out event wait: the Durable Task SDK's timer won.
                    throw new OperationCanceledException("The render timed out.");
                }

                if (next == _report)
                {
                    var report = await _report;
                    if (percents.ContainsKey(report.JobId) && !results.ContainsKey(report.JobId))
                    {
                        percents[report.JobId] = report.Percent;
                        progress.Report(percents.Values.Average(), report.Step, jobIds.Count == 1 ? report.EstimatedRemainingSeconds : null);
                    }

                    _report = context.WaitForExternalEvent<RenderProgressReport>(RenderProgressReport.EventName);
                    continue;
                }

                var completed = await _completed;
                if (percents.ContainsKey(completed.JobId))
                {
                    results.TryAdd(completed.JobId, completed);
                    percents[completed.JobId] = 100;
                    if (!completed.Succeeded)
                    {
                        // One failed piece fails the render: the others' results are not waited for.
                        return [completed];
                    }
                }

                _completed = context.WaitForExternalEvent<RenderCompleted>(RenderCompleted.EventName);
            }

            return jobIds.Select(id => results[id]).ToList();
        }
    }

    /// <summary>Shows the storyboard and waits for <see cref="StoryboardApproval"/>; a storyboard left unapproved fails the video.</summary>
    private async Task AwaitApprovalAsync(TaskOrchestrationContext context, VideoRequest request, Storyboard storyboard, PipelineProgress progress, bool save)
    {
        if (save)
        {
            await context.CallActivityAsync(nameof(SaveStoryboardActivity), new SaveStoryboardInput(request, storyboard), ActivityRetries.Retried);
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
    private static Task NotifyAsync(TaskOrchestrationContext context, VideoRequest request, string type, VideoEventData data) =>
        NotifyAsync(context, Announcement(context, request, type, data));

    private static async Task NotifyAsync(TaskOrchestrationContext context, WebhookEventInput announcement)
    {
        try
        {
            await context.CallActivityAsync<int>(nameof(RaiseWebhookEventActivity), announcement, ActivityRetries.Retried);
        }
        catch (TaskFailedException e)
        {
            context.CreateReplaySafeLogger(nameof(VideoOrchestrator))
                .LogWarning("Webhook event {Event} of {TaskId} was not raised: {Reason}", announcement.Event, announcement.Data.TaskId, e.FailureDetails.ErrorMessage);
        }
    }

    private static WebhookEventInput Announcement(TaskOrchestrationContext context, VideoRequest request, string type, VideoEventData data) =>
        new(request.UserId, type, context.CurrentUtcDateTime, data);

    /// <summary>An expected way for a video to fail, with the code and words the user sees.</summary>
    private sealed class PipelineFailure(int code, string message, IReadOnlyDictionary<string, QualityCheck>? qc = null) : Exception(message)
    {
        public int Code { get; } = code;

        /// <summary>The worker's self-check of a render that failed it.</summary>
        public IReadOnlyDictionary<string, QualityCheck>? Qc { get; } = qc;
    }
}
