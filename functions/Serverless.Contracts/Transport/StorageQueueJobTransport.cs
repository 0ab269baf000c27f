using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Serverless.Contracts.Transport;

/// <summary>Jobs over Azure Storage queues (Azurite locally). Messages are JSON, base64 encoded by the client.</summary>
public sealed class StorageQueueJobTransport(QueueServiceClient queues) : IJobTransport
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public async Task SendAsync<T>(string queue, T job, CancellationToken cancellationToken = default)
    {
        var client = queues.GetQueueClient(queue);
        await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await client.SendMessageAsync(BinaryData.FromObjectAsJson(job, JobJson.Options), cancellationToken: cancellationToken);
    }

    public async Task<JobDelivery<T>?> ReceiveAsync<T>(string queue, TimeSpan visibility, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var client = queues.GetQueueClient(queue);
        await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            QueueMessage? message = await client.ReceiveMessageAsync(visibility, cancellationToken);
            if (message is not null)
            {
                var job = message.Body.ToObjectFromJson<T>(JobJson.Options)
                    ?? throw new JsonException($"Queue '{queue}' message {message.MessageId} is empty.");
                return new Delivery<T>(client, message, job);
            }

            if (DateTime.UtcNow >= deadline)
            {
                return null;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private sealed class Delivery<T>(QueueClient client, QueueMessage message, T job) : JobDelivery<T>(job, message.DequeueCount)
    {
        private string _popReceipt = message.PopReceipt;

        public override Task CompleteAsync(CancellationToken cancellationToken = default) =>
            client.DeleteMessageAsync(message.MessageId, _popReceipt, cancellationToken);

        public override async Task AbandonAsync(TimeSpan delay, CancellationToken cancellationToken = default) =>
            await client.UpdateMessageAsync(message.MessageId, _popReceipt, visibilityTimeout: delay, cancellationToken: cancellationToken);

        public override async Task RenewAsync(TimeSpan visibility, CancellationToken cancellationToken = default)
        {
            var receipt = await client.UpdateMessageAsync(message.MessageId, _popReceipt, visibilityTimeout: visibility, cancellationToken: cancellationToken);
            _popReceipt = receipt.Value.PopReceipt;
        }
    }
}
