using Serverless.Studio.Orchestrations;
using Microsoft.Extensions.Logging;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Studio.Accounts;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Projects;
using Serverless.Studio.Storage;
using Serverless.Studio.Tasks;
using Serverless.Studio.Webhooks;

namespace Serverless.Studio.Videos;

/// <summary>Starts videos: stores the script, creates the project and its task, schedules the orchestration.</summary>
public sealed class VideoService(
    AssetStore assets,
    ProjectStore projects,
    VideoTaskStore tasks,
    DurableTaskClient durable,
    WebhookService webhooks,
    VideoQuota quota,
    RunningTasks running,
    TimeProvider time,
    ILogger<VideoService> logger)
{
    public Task<SubmittedVideo> SubmitAsync(string userId, VideoSubmission submission, CancellationToken cancellationToken = default)
    {
        var projectId = StudioIds.NewProjectId();
        return SubmitAsync(userId, submission, new VideoIds(projectId, StudioIds.NewTaskId(projectId)), cancellationToken);
    }

    /// <summary>Starts a video under ids chosen beforehand; starting the same ids again starts nothing new.</summary>
    public async Task<SubmittedVideo> SubmitAsync(string userId, VideoSubmission submission, VideoIds ids, CancellationToken cancellationToken = default)
    {
        var (projectId, taskId) = (ids.ProjectId, ids.TaskId);
        if (await durable.GetInstanceAsync(taskId, cancellation: cancellationToken) is not null)
        {
            return new SubmittedVideo(taskId, projectId);
        }

        var request = await PrepareAsync(userId, submission, ids, cancellationToken);
        var webhook = submission.WebhookUrl is { } url ? await webhooks.AddVideoEndpointAsync(userId, taskId, url, cancellationToken) : null;
        await durable.ScheduleNewOrchestrationInstanceAsync(nameof(VideoOrchestrator), request, new StartOrchestrationOptions(InstanceId: taskId), cancellationToken);

        logger.LogInformation("Video {TaskId} started for project {ProjectId}", taskId, projectId);
        return new SubmittedVideo(taskId, projectId, webhook);
    }

    /// <summary>
    /// Everything a video needs before its orchestration starts: a running-task slot, a video of the quota, the stored
    /// script, the project and its queued task. Callers that run the orchestration themselves (a catalog batch, as a
    /// sub-orchestration) start it with the request answered.
    /// </summary>
    public async Task<VideoRequest> PrepareAsync(string userId, VideoSubmission submission, VideoIds ids, CancellationToken cancellationToken = default)
    {
        var (projectId, taskId) = (ids.ProjectId, ids.TaskId);

        // Before anything is stored, so a user over either limit leaves nothing behind: a running-task slot
        // (TooManyRunningTasksException) and then a video of the quota (QuotaExceededException, which gives the slot back).
        await running.ClaimAsync(userId, taskId, cancellationToken);
        try
        {
            await quota.ConsumeAsync(userId, cancellationToken);
        }
        catch (QuotaExceededException)
        {
            await running.ReleaseAsync(userId, taskId, CancellationToken.None);
            throw;
        }

        var now = time.GetUtcNow();
        var script = new Contracts.Rendering.BlobRef(StudioContainers.Scripts, $"{userId}/{projectId}/script.txt");

        await assets.UploadAsync(script, BinaryData.FromString(submission.Script), "text/plain; charset=utf-8", cancellationToken);
        var project = new Project
        {
            Id = projectId,
            UserId = userId,
            Name = submission.Title ?? $"Video {now:yyyy-MM-dd HH:mm}",
            Style = submission.Style,
            AspectRatio = submission.AspectRatio,
            Script = script,
            CreatedAt = now,
            UpdatedAt = now,
            LatestTaskId = taskId,
            Seed = submission.Seed,
            TargetDurationSeconds = submission.TargetDurationSeconds,
            ApprovalRequired = submission.ApprovalRequired,
            ScriptUpdatedAt = now,
        };
        await projects.UpsertAsync(project, cancellationToken);
        await tasks.UpsertAsync(VideoTask.Queued(project, taskId, now), cancellationToken);

        return VideoRequest.For(project, taskId) with
        {
            ApprovalRequired = submission.ApprovalRequired,
            Music = submission.Music,
            Watermark = submission.Watermark,
            SubtitleStyle = submission.SubtitleStyle,
            Budget = submission.Budget,
            // The platform's size, ceilings, loudness and safe area; its longest duration is checked once the
            // storyboard's length is known (SubmitRenderActivity).
            Output = submission.PlatformPreset is { } platform
                ? Contracts.Rendering.OutputPresets.For(platform, Mode(submission))
                : submission.Preview ? Contracts.Rendering.OutputPresets.ForAspectRatio(submission.AspectRatio, Mode(submission)) : null,
        };
    }

    private static Contracts.Rendering.RenderMode Mode(VideoSubmission submission) =>
        submission.Preview ? Contracts.Rendering.RenderMode.Preview : Contracts.Rendering.RenderMode.Final;
}
