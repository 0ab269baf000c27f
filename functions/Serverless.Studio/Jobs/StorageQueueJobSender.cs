using Azure.Storage.Queues;
using Serverless.Contracts;

namespace Serverless.Studio.Jobs;

/// <summary>Jobs on Azure Storage queues (Azurite locally): JSON, base64 encoded by the client, as the worker reads them.</summary>
public sealed class StorageQueueJobSender(QueueServiceClient queues) : IJobSender
{
    public async Task SendAsync<T>(string queue, T job, CancellationToken cancellationToken = default)
    {
        var client = queues.GetQueueClient(queue);
        await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await client.SendMessageAsync(BinaryData.FromObjectAsJson(job, JobJson.Options), cancellationToken: cancellationToken);
    }
}
