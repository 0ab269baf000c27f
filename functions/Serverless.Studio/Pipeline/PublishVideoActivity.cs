using Microsoft.DurableTask;
using Serverless.Studio.Projects;
using Serverless.Studio.Providers.Ledger;
using Serverless.Studio.Tasks;

namespace Serverless.Studio.Pipeline;

/// <summary>Records the finished video on its project and marks the task completed.</summary>
public sealed class PublishVideoActivity(ProjectStore projects, VideoTaskStore tasks, UsageLedger ledger, TimeProvider time) : TaskActivity<PublishVideoInput, bool>
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
        return true;
    }
}
