using Microsoft.DurableTask;
using Serverless.Studio.Providers.Ledger;
using Serverless.Studio.Tasks;

namespace Serverless.Studio.Pipeline;

/// <summary>Marks a task failed with the reason the user will read (and the self-check that failed it); a task its owner cancelled stays cancelled.</summary>
public sealed class RecordFailureActivity(VideoTaskStore tasks, UsageLedger ledger, TimeProvider time) : TaskActivity<RecordFailureInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RecordFailureInput input)
    {
        var request = input.Request;
        var task = await tasks.FindAsync(request.UserId, request.TaskId)
            ?? throw new InvalidOperationException($"Task {request.TaskId} no longer exists.");
        if (task.Status == VideoTaskStatus.Cancelled)
        {
            return false;
        }

        var now = time.GetUtcNow();
        await tasks.UpsertAsync(task with { Status = VideoTaskStatus.Failed, Error = input.Error, Qc = input.Qc ?? task.Qc, UpdatedAt = now, CompletedAt = now, Bill = TaskBill.Of(await ledger.ForTaskAsync(request.UserId, request.TaskId)) });
        return true;
    }
}
