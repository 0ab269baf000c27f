namespace Serverless.Studio.Jobs;

/// <summary>
/// Sends jobs to the workers' queue: an Azure Storage queue locally, Service Bus in Azure, chosen by
/// <c>Transport:Kind</c>. Delivery is at least once; the worker's handlers are idempotent.
/// </summary>
public interface IJobSender
{
    Task SendAsync<T>(string queue, T job, CancellationToken cancellationToken = default);
}
