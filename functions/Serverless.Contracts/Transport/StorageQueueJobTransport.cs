using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Serverless.Contracts.Transport;

/// <summary>
/// Jobs over Azure Storage queues (Azurite locally). Messages are JSON, base64 encoded by the client. Dead letters
/// go to <c>{queue}-poison</c> as <see cref="DeadLetter"/> envelopes.
/// </summary>
public sealed class StorageQueueJobTransport(QueueServiceClient queues, TimeProvider? time = null) : IJobTransport
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

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
        var deadline = _time.GetUtcNow() + wait;
        while (true)
        {
            QueueMessage? message = await client.ReceiveMessageAsync(visibility, cancellationToken);
            if (message is not null)
            {
                if (JobJson.TryRead<T>(message.Body.ToMemory().Span, out var job, out var error))
                {
                    return new Delivery<T>(this, client, message, job);
                }

                // A message no worker can read would otherwise come back for ever.
                await SetAsideAsync(client, message, $"The message is not a valid {typeof(T).Name}: {error}", cancellationToken);
                await client.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                continue;
            }

            if (_time.GetUtcNow() >= deadline)
            {
                return null;
            }

            await Task.Delay(PollInterval, _time, cancellationToken);
        }
    }

    private async Task SetAsideAsync(QueueClient source, QueueMessage message, string reason, CancellationToken cancellationToken)
    {
        JsonElement? json = null;
        string? raw = null;
        try
        {
            json = JsonSerializer.Deserialize<JsonElement>(message.Body);
        }
        catch (JsonException)
        {
            raw = message.Body.ToString();
        }

        var poison = queues.GetQueueClient(DeadLetter.PoisonQueueFor(source.Name));
        await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var letter = new DeadLetter(json, raw, DeadLetter.Bounded(reason), message.DequeueCount, _time.GetUtcNow());
        await poison.SendMessageAsync(BinaryData.FromObjectAsJson(letter, JobJson.Options), cancellationToken: cancellationToken);
    }

    private sealed class Delivery<T>(StorageQueueJobTransport transport, QueueClient client, QueueMessage message, T job)
        : JobDelivery<T>(job, message.DequeueCount)
    {
        private string _popReceipt = message.PopReceipt;

        public override Task CompleteAsync(CancellationToken cancellationToken = default) =>
            client.DeleteMessageAsync(message.MessageId, _popReceipt, cancellationToken);

        public override async Task AbandonAsync(TimeSpan delay, CancellationToken cancellationToken = default) =>
            await client.UpdateMessageAsync(message.MessageId, _popReceipt, visibilityTimeout: delay, cancellationToken: cancellationToken);

        public override async Task DeadLetterAsync(string reason, CancellationToken cancellationToken = default)
        {
            // Set aside first: if that fails the message stays, and is looked at again.
            await transport.SetAsideAsync(client, message, reason, cancellationToken);
            await client.DeleteMessageAsync(message.MessageId, _popReceipt, cancellationToken);
        }

        public override async Task RenewAsync(TimeSpan visibility, CancellationToken cancellationToken = default)
        {
            var receipt = await client.UpdateMessageAsync(message.MessageId, _popReceipt, visibilityTimeout: visibility, cancellationToken: cancellationToken);
            _popReceipt = receipt.Value.PopReceipt;
        }
    }
}
