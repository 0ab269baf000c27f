using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.Worker.Configuration;

namespace Serverless.Worker.Transport;

/// <summary>
/// Jobs from Azure Storage queues (Azurite locally). Messages are JSON, base64 encoded by the client. Each slot polls
/// for one message at a time, so a busy worker never holds jobs another could run. Dead letters go to
/// <c>{queue}-poison</c> as <see cref="DeadLetter"/> envelopes.
/// </summary>
public sealed class StorageQueueJobReceiver(
    QueueServiceClient queues,
    IOptions<WorkerOptions> options,
    TimeProvider time,
    ILogger<StorageQueueJobReceiver> logger) : IJobReceiver
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ReceiveBackoff = TimeSpan.FromSeconds(5);

    public Task RunAsync<T>(JobReception<T> reception, CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, reception.Slots).Select(_ => RunSlotAsync(reception, stoppingToken)));

    /// <summary>
    /// Waits up to <paramref name="wait"/> for one readable job; null when none arrived. Unreadable messages, and
    /// messages delivered more often than Worker:MaxDeliveries, go to the poison queue on the way.
    /// </summary>
    public async Task<JobDelivery<T>?> ReceiveAsync<T>(string queue, TimeSpan visibility, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var client = queues.GetQueueClient(queue);
        await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            QueueMessage? message = await client.ReceiveMessageAsync(visibility, cancellationToken);
            if (message is not null)
            {
                var maxDeliveries = options.Value.MaxDeliveries;
                if (!JobJson.TryRead<T>(message.Body.ToMemory().Span, out var job, out var error))
                {
                    // A message no worker can read would otherwise come back for ever.
                    await SetAsideAsync(client, message, ReceiverRefusals.UnreadableDescription<T>(error), cancellationToken);
                    await client.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                    logger.LogWarning("Dead-lettered an unreadable message on {Queue}: {Error}", queue, error);
                    continue;
                }

                if (message.DequeueCount > maxDeliveries)
                {
                    await SetAsideAsync(client, message, ReceiverRefusals.TooManyDeliveriesDescription(message.DequeueCount, maxDeliveries), cancellationToken);
                    await client.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                    logger.LogWarning("Dead-lettered a message on {Queue} delivered {DeliveryCount} times", queue, message.DequeueCount);
                    continue;
                }

                return new Delivery<T>(this, client, message, job);
            }

            if (time.GetUtcNow() >= deadline)
            {
                return null;
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    private async Task RunSlotAsync<T>(JobReception<T> reception, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            JobDelivery<T>? delivery;
            try
            {
                delivery = await ReceiveAsync<T>(reception.Queue, settings.Visibility, settings.PollWait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Receiving from queue {Queue} failed; trying again in {Delay}", reception.Queue, ReceiveBackoff);
                await Task.Delay(ReceiveBackoff, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                continue;
            }

            if (delivery is null)
            {
                reception.FoundEmpty();
                continue;
            }

            await reception.HandleAsync(delivery, stoppingToken);
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
        var letter = new DeadLetter(json, raw, DeadLetter.Bounded(reason), message.DequeueCount, time.GetUtcNow());
        await poison.SendMessageAsync(BinaryData.FromObjectAsJson(letter, JobJson.Options), cancellationToken: cancellationToken);
    }

    private sealed class Delivery<T>(StorageQueueJobReceiver receiver, QueueClient client, QueueMessage message, T job)
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
            await receiver.SetAsideAsync(client, message, reason, cancellationToken);
            await client.DeleteMessageAsync(message.MessageId, _popReceipt, cancellationToken);
        }

        public override async Task RenewAsync(TimeSpan visibility, CancellationToken cancellationToken = default)
        {
            var receipt = await client.UpdateMessageAsync(message.MessageId, _popReceipt, visibilityTimeout: visibility, cancellationToken: cancellationToken);
            _popReceipt = receipt.Value.PopReceipt;
        }
    }
}
