namespace Serverless.Worker.Jobs;

/// <summary>What to do with the queue message once the handler is done with its job.</summary>
public enum JobOutcome
{
    /// <summary>The orchestration was told the result: delete the message.</summary>
    Complete,

    /// <summary>Something transient failed: make the message visible again after a delay.</summary>
    Retry,

    /// <summary>The job can never succeed (bad input, or out of deliveries): its failure was reported; keep it aside with the reason, then delete it.</summary>
    DeadLetter,
}

/// <summary>How a job's message is settled: the outcome, with the reason when the job is dead-lettered.</summary>
public sealed record Settlement(JobOutcome Outcome, string? Reason = null)
{
    public static readonly Settlement Complete = new(JobOutcome.Complete);
    public static readonly Settlement Retry = new(JobOutcome.Retry);

    public static Settlement DeadLetter(string reason) => new(JobOutcome.DeadLetter, reason);

    /// <summary>
    /// A failure that may be passing (storage, a tool that crashed): retried until the last delivery, then reported as
    /// a failure through <paramref name="reportAsync"/> and set aside.
    /// </summary>
    public static async Task<Settlement> RetryOrGiveUpAsync(
        string what, string jobId, Exception exception, long deliveryCount, int maxDeliveries, ILogger logger, Func<string, Task> reportAsync)
    {
        if (deliveryCount < maxDeliveries)
        {
            logger.LogWarning(exception, "{What} {JobId} failed on delivery {DeliveryCount}; it will be retried", what, jobId, deliveryCount);
            return Retry;
        }

        var reason = $"{what} failed after {deliveryCount} attempts: {exception.Message}";
        logger.LogError(exception, "{What} {JobId} failed on its last delivery; reporting failure", what, jobId);
        await reportAsync(reason);
        return DeadLetter(reason);
    }
}
