using Microsoft.DurableTask;
using Serverless.Studio.Providers.Ledger;
using Serverless.Studio.Tasks;

namespace Serverless.Studio.Pipeline;

/// <summary>Marks a task that produces no video (a storyboard, for one) completed.</summary>
public sealed class CompleteTaskActivity(VideoTaskStore tasks, UsageLedger ledger, TimeProvider time) : TaskActivity<VideoRequest, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, VideoRequest input)
    {
        var task = await tasks.FindAsync(input.UserId, input.TaskId)
            ?? throw new InvalidOperationException($"Task {input.TaskId} no longer exists.");
        var now = time.GetUtcNow();
        await tasks.UpsertAsync(task with { Status = VideoTaskStatus.Completed, UpdatedAt = now, CompletedAt = now, Bill = TaskBill.Of(await ledger.ForTaskAsync(input.UserId, input.TaskId)) });
        return true;
    }
}
