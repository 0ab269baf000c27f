using Microsoft.DurableTask;
using Serverless.Studio.Providers.Ledger;

namespace Serverless.Studio.Orchestrations;

/// <summary>How the orchestrations retry their activities: with backoff, except a refusal that would only repeat.</summary>
public static class ActivityRetries
{
    public static readonly TaskOptions Retried = new(new RetryPolicy(4, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(20))
    {
        // A call over the budget is refused again on every try.
        HandleFailure = failure => !failure.IsCausedBy<BudgetExceededException>(),
    });
}
