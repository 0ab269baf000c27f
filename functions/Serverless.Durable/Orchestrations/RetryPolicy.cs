namespace Serverless.Durable;

/// <summary>Retries wait on durable timers, so a retry survives a restart of the host.</summary>
public sealed record RetryPolicy(
    int MaxNumberOfAttempts,
    TimeSpan FirstRetryInterval,
    double BackoffCoefficient = 1.0,
    TimeSpan? MaxRetryInterval = null)
{
    /// <summary>Which failures are retried; null retries every failure.</summary>
    public Func<TaskFailureDetails, bool>? Handle { get; init; }

    internal TimeSpan DelayBeforeAttempt(int failedAttempts)
    {
        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, failedAttempts - 1);
        var delay = ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
        return MaxRetryInterval is { } max && delay > max ? max : delay;
    }

    internal bool ShouldRetry(TaskFailureDetails failure, int failedAttempts) =>
        failedAttempts < MaxNumberOfAttempts && (Handle?.Invoke(failure) ?? true);
}
