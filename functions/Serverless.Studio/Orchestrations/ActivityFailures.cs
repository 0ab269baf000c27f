using Microsoft.DurableTask;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Providers.Ledger;
using Serverless.Studio.Tasks;

namespace Serverless.Studio.Orchestrations;

/// <summary>The task error of an activity that failed for good.</summary>
public static class ActivityFailures
{
    public static TaskError ErrorOf(TaskFailedException failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        return failed.FailureDetails.IsCausedBy<BudgetExceededException>()
            ? new TaskError(ErrorCodes.BudgetExceeded, failed.FailureDetails.ErrorMessage)
            : new TaskError(ErrorCodes.GenerationFailed, $"{failed.TaskName} failed: {failed.FailureDetails.ErrorMessage}");
    }
}
