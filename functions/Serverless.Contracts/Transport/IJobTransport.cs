namespace Serverless.Contracts.Transport;

/// <summary>
/// A queue of jobs between the function app and the workers: an Azure Storage queue locally,
/// Service Bus over AMQP 1.0 in Azure. Delivery is at least once; handlers must be idempotent.
/// </summary>
public interface IJobTransport
{
    Task SendAsync<T>(string queue, T job, CancellationToken cancellationToken = default);

    /// <summary>Waits up to <paramref name="wait"/> for one job; null when none arrived.</summary>
    Task<JobDelivery<T>?> ReceiveAsync<T>(string queue, TimeSpan visibility, TimeSpan wait, CancellationToken cancellationToken = default);
}

/// <summary>One received job. Complete it when done; abandon it to make it visible again.</summary>
public abstract class JobDelivery<T>(T job, long deliveryCount)
{
    public T Job { get; } = job;
    public long DeliveryCount { get; } = deliveryCount;

    public abstract Task CompleteAsync(CancellationToken cancellationToken = default);
    public abstract Task AbandonAsync(TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>Keeps the job invisible to other workers while a long render runs.</summary>
    public abstract Task RenewAsync(TimeSpan visibility, CancellationToken cancellationToken = default);
}
