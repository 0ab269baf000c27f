using Serverless.Studio.Orchestrations;
using Microsoft.Extensions.Logging;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Studio.Projects;
using Serverless.Studio.Storage;
using Serverless.Studio.Webhooks;

namespace Serverless.Studio.Tasks;

/// <summary>
/// Stops a video at its owner's request: the orchestration is terminated, the task is recorded as cancelled and
/// <c>video.cancelled</c> is announced. Pictures and voices already made stay (a saved storyboard may show them); a
/// render job a worker already took cannot be called back, so its output is swept once it can no longer be running.
/// </summary>
public sealed class TaskCancellation(
    VideoTaskStore tasks,
    TaskQuery views,
    DurableTaskClient durable,
    WebhookService webhooks,
    AssetStore blobs,
    ProductCatalogs.CatalogVideoStore catalogVideos,
    TimeProvider time,
    ILogger<TaskCancellation> logger)
{
    public const string Reason = "Cancelled by its owner.";

    public async Task<Outcome<TaskView>> CancelAsync(string userId, string taskId, CancellationToken cancellationToken = default)
    {
        if (await tasks.FindAsync(userId, taskId, cancellationToken) is not { } task)
        {
            return Outcome<TaskView>.NotFound();
        }

        if (task.Status.HasEnded())
        {
            return Ended(task);
        }

        var instance = await durable.GetInstanceAsync(task.InstanceId, cancellation: cancellationToken);
        if (instance?.RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended)
        {
            await durable.TerminateInstanceAsync(task.InstanceId, Reason, cancellationToken);
        }
        else if (await tasks.FindAsync(userId, taskId, cancellationToken) is { } latest && latest.Status.HasEnded())
        {
            // The video ended between the two reads: its own outcome stands.
            return Ended(latest);
        }

        var now = time.GetUtcNow();
        await tasks.UpsertAsync(task with { Status = VideoTaskStatus.Cancelled, UpdatedAt = now, CompletedAt = now }, cancellationToken);
        logger.LogInformation("Task {TaskId} of project {ProjectId} cancelled by its owner", taskId, task.ProjectId);

        if (task.CatalogId is { } catalogId)
        {
            await CancelProductVideosAsync(userId, catalogId, cancellationToken);
        }

        var sweep = new OutputSweep(userId, task.ProjectId, taskId);
        await durable.ScheduleNewOrchestrationInstanceAsync(
            nameof(OutputSweepOrchestrator), sweep, new StartOrchestrationOptions(InstanceId: sweep.InstanceId()), cancellationToken);
        await SweepOutputsActivity.SweepAsync(blobs, logger, sweep, cancellationToken);
        await webhooks.RaiseAsync(
            new WebhookEventInput(userId, WebhookEvents.VideoCancelled, now.UtcDateTime, new VideoEventData(taskId, task.ProjectId, "cancelled")),
            cancellationToken);
        return await views.FindAsync(userId, taskId, cancellationToken) is { } view ? Outcome<TaskView>.Ok(view) : Outcome<TaskView>.NotFound();
    }

    /// <summary>
    /// A catalog batch's product videos are sub-orchestrations, which ending the batch leaves running: each still running
    /// is cancelled as a video of its own, and the catalog records it cancelled so the next batch or refresh makes it.
    /// </summary>
    private async Task CancelProductVideosAsync(string userId, string catalogId, CancellationToken cancellationToken)
    {
        foreach (var video in await catalogVideos.ListByCatalogAsync(userId, catalogId, cancellationToken))
        {
            if (video.Status is not (CatalogBatches.CatalogVideoStatuses.Queued or CatalogBatches.CatalogVideoStatuses.Running))
            {
                continue;
            }

            await CancelAsync(userId, video.VideoId, cancellationToken);
            await catalogVideos.UpsertAsync(video with { Status = CatalogBatches.CatalogVideoStatuses.Cancelled }, cancellationToken);
        }
    }

    private static Outcome<TaskView> Ended(VideoTask task) => Outcome<TaskView>.Conflict($"it has already ended ({task.Status.ToString().ToLowerInvariant()})");
}
