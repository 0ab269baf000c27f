using Microsoft.DurableTask;
using Serverless.Studio.Tasks;

namespace Serverless.Studio.CatalogBatches;

/// <summary>
/// Marks a batch's task ended: completed when it went through its products (failed products are in its counts), failed
/// with the reason when it could not start.
/// </summary>
public sealed class EndCatalogBatchActivity(VideoTaskStore tasks, TimeProvider time) : TaskActivity<EndCatalogBatchInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, EndCatalogBatchInput input)
    {
        var task = await tasks.FindAsync(input.UserId, input.TaskId)
            ?? throw new InvalidOperationException($"Task {input.TaskId} no longer exists.");
        var now = time.GetUtcNow();
        await tasks.UpsertAsync(task with
        {
            Status = input.Error is null ? VideoTaskStatus.Completed : VideoTaskStatus.Failed,
            Error = input.Error,
            UpdatedAt = now,
            CompletedAt = now,
        });
        return true;
    }
}

public sealed record EndCatalogBatchInput(string UserId, string TaskId, TaskError? Error);
