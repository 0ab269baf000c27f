using Microsoft.DurableTask;
using Serverless.Studio.Tasks;

namespace Serverless.Studio.Pipeline;

/// <summary>Marks a task that produces no video (a storyboard, for one) completed.</summary>
public sealed class CompleteTaskActivity(VideoTaskStore tasks, TimeProvider time) : TaskActivity<VideoRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, VideoRequest input)
    {
        var task = await tasks.FindAsync(input.UserId, input.TaskId)
            ?? throw new InvalidOperationException($"Task {input.TaskId} no longer exists.");
        var now = time.GetUtcNow();
        await tasks.UpsertAsync(task with { Status = VideoTaskStatus.Completed, UpdatedAt = now, CompletedAt = now });
        return true;
    }
}
