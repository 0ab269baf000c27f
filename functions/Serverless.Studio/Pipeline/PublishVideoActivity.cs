using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Serverless.Studio.Projects;
using Serverless.Studio.Providers.Ledger;
using Serverless.Studio.Tasks;
using Serverless.Studio.Webhooks;

namespace Serverless.Studio.Pipeline;

/// <summary>
/// Records the finished video on its project, marks the task completed and then raises the video's announcement, in
/// that order (a receiver that reads the task on the webhook finds it completed) and in one step, as each step of a
/// video is a task-hub round trip. Answers whether the announcement was raised: when it was not, the orchestration
/// raises it on its own with its retries, and the video stays published.
/// </summary>
public sealed class PublishVideoActivity(
    ProjectStore projects, VideoTaskStore tasks, UsageLedger ledger, WebhookService webhooks, TimeProvider time, ILogger<PublishVideoActivity> logger)
    : TaskActivity<PublishVideoInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, PublishVideoInput input)
    {
        var (request, render) = (input.Request, input.Render);
        var now = time.GetUtcNow();
        var project = await projects.FindAsync(request.UserId, request.ProjectId)
            ?? throw new InvalidOperationException($"Project {request.ProjectId} no longer exists.");
        await projects.UpsertAsync(project with
        {
            UpdatedAt = now,
            Video = new ProjectVideo(render.Video!, render.Thumbnail, render.DurationSeconds, render.SizeBytes, now, render.Qc, render.RenderSeconds),
        });

        var task = await tasks.FindAsync(request.UserId, request.TaskId)
            ?? throw new InvalidOperationException($"Task {request.TaskId} no longer exists.");
        await tasks.UpsertAsync(task with { Status = VideoTaskStatus.Completed, UpdatedAt = now, CompletedAt = now, Qc = render.Qc, Bill = TaskBill.Of(await ledger.ForTaskAsync(request.UserId, request.TaskId)) });
        if (input.Announcement is not { } announcement)
        {
            return false;
        }

        try
        {
            await webhooks.RaiseAsync(announcement);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Handed back to the orchestration, which raises it again with its retries: the publication is not undone for it.
            logger.LogWarning("Event {Event} of {TaskId} was not raised with the publication ({Reason}); the orchestration raises it again",
                announcement.Event, request.TaskId, e.Message);
            return false;
        }
    }
}
