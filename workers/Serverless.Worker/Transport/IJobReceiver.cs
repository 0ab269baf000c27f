namespace Serverless.Worker.Transport;

/// <summary>
/// Where the worker's jobs come from: an Azure Storage queue locally, Service Bus in Azure. Delivery is at least once;
/// handlers must be idempotent. A message that cannot be read as the job, or that was delivered more often than
/// <c>Worker:MaxDeliveries</c> allows, is dead-lettered here with the reason and never handed out.
/// </summary>
public interface IJobReceiver
{
    /// <summary>Hands jobs to <see cref="JobReception{T}.HandleAsync"/>, at most <see cref="JobReception{T}.Slots"/> at once, until stopped.</summary>
    Task RunAsync<T>(JobReception<T> reception, CancellationToken stoppingToken);
}

/// <summary>
/// What a listener asks of a receiver: the queue, how many jobs may run at once, the handler (which settles each
/// delivery itself; its token is cancelled when the receiver drains on shutdown) and a signal that the queue was found
/// empty, which tells <c>IdleExit</c> the worker has nothing to do.
/// </summary>
public sealed record JobReception<T>(string Queue, int Slots, Func<JobDelivery<T>, CancellationToken, Task> HandleAsync, Action FoundEmpty);

/// <summary>Reasons a receiver sets a message aside before any handler sees it.</summary>
public static class ReceiverRefusals
{
    /// <summary>Service Bus' dead-letter reason (a short code; the description carries the detail).</summary>
    public const string Unreadable = "UnreadableMessage";
    public const string TooManyDeliveries = "MaxDeliveriesExceeded";
    public const string JobRefused = "JobRefused";

    public static string UnreadableDescription<T>(string error) => $"The message is not a valid {typeof(T).Name}: {error}";

    public static string TooManyDeliveriesDescription(long deliveryCount, int maxDeliveries) =>
        $"Delivered {deliveryCount} times, more than Worker:MaxDeliveries ({maxDeliveries}): an earlier attempt never settled it (a crash or a lost lock).";
}
