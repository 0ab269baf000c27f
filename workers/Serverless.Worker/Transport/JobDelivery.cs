namespace Serverless.Worker.Transport;

/// <summary>
/// One received job. Settle it once: complete it when done, abandon it to have it delivered again, or dead-letter it
/// when it can never succeed.
/// </summary>
public abstract class JobDelivery<T>(T job, long deliveryCount)
{
    public T Job { get; } = job;

    /// <summary>1 on the first delivery, counting up with each redelivery.</summary>
    public long DeliveryCount { get; } = deliveryCount;

    public abstract Task CompleteAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Hands the job back. A zero delay means it was not attempted (shutdown): it is released at once; a positive delay
    /// means the attempt failed: it comes back no sooner than the delay.
    /// </summary>
    public abstract Task AbandonAsync(TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>Sets the job aside with the reason, where an operator can inspect or resubmit it.</summary>
    public abstract Task DeadLetterAsync(string reason, CancellationToken cancellationToken = default);

    /// <summary>Keeps the job invisible to other workers while a long render runs.</summary>
    public abstract Task RenewAsync(TimeSpan visibility, CancellationToken cancellationToken = default);
}
