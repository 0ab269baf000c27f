namespace Serverless.Contracts.Transport;

/// <summary>
/// A queue of jobs between the function app and the workers: an Azure Storage queue locally,
/// Service Bus over AMQP 1.0 in Azure. Delivery is at least once; handlers must be idempotent.
/// A message that cannot be read as <c>T</c> is dead-lettered by the transport with the reason, never handed out.
/// </summary>
public interface IJobTransport
{
    Task SendAsync<T>(string queue, T job, CancellationToken cancellationToken = default);

    /// <summary>Waits up to <paramref name="wait"/> for one job; null when none arrived.</summary>
    Task<JobDelivery<T>?> ReceiveAsync<T>(string queue, TimeSpan visibility, TimeSpan wait, CancellationToken cancellationToken = default);
}

/// <summary>
/// One received job. Settle it once: complete it when done, abandon it to have it delivered again, or
/// dead-letter it when it can never succeed.
/// </summary>
public abstract class JobDelivery<T>(T job, long deliveryCount)
{
    public T Job { get; } = job;

    /// <summary>1 on the first delivery, counting up with each redelivery.</summary>
    public long DeliveryCount { get; } = deliveryCount;

    public abstract Task CompleteAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Hands the job back. A zero delay means it was not attempted (shutdown): it is released as is; a positive
    /// delay means the attempt failed: it counts as a delivery and comes back no sooner than the delay.
    /// </summary>
    public abstract Task AbandonAsync(TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>Sets the job aside with the reason, where an operator can inspect or resubmit it.</summary>
    public abstract Task DeadLetterAsync(string reason, CancellationToken cancellationToken = default);

    /// <summary>Keeps the job invisible to other workers while a long render runs.</summary>
    public abstract Task RenewAsync(TimeSpan visibility, CancellationToken cancellationToken = default);
}
