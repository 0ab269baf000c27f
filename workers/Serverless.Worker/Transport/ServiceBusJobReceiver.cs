using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.Worker.Configuration;

namespace Serverless.Worker.Transport;

/// <summary>
/// Jobs from a Service Bus queue through <see cref="ServiceBusProcessor"/>: peek-lock, one message per slot and no
/// prefetch (a busy worker never sits on jobs another could run), locks renewed by the processor for up to
/// <see cref="ServiceBusTransportOptions.MaxLockRenewal"/> so a long render keeps its job. On shutdown the processor
/// stops taking messages and cancels the running handlers, which hand their jobs back (or finish first).
/// </summary>
public sealed class ServiceBusJobReceiver(
    ServiceBusClient client,
    IOptions<WorkerOptions> options,
    IOptions<TransportOptions> transport,
    TimeProvider time,
    ILogger<ServiceBusJobReceiver> logger) : IJobReceiver
{
    public async Task RunAsync<T>(JobReception<T> reception, CancellationToken stoppingToken)
    {
        await using var processor = client.CreateProcessor(reception.Queue, new ServiceBusProcessorOptions
        {
            ReceiveMode = ServiceBusReceiveMode.PeekLock,
            AutoCompleteMessages = false,
            MaxConcurrentCalls = reception.Slots,
            PrefetchCount = 0,
            MaxAutoLockRenewalDuration = transport.Value.ServiceBus.MaxLockRenewal,
        });
        var lastMessage = time.GetTimestamp();
        processor.ProcessMessageAsync += args =>
        {
            Interlocked.Exchange(ref lastMessage, time.GetTimestamp());
            return ProcessAsync(args, reception);
        };
        processor.ProcessErrorAsync += args =>
        {
            logger.LogWarning(args.Exception, "Service Bus {Source} on {Queue} failed; the processor retries", args.ErrorSource, reception.Queue);
            return Task.CompletedTask;
        };

        await processor.StartProcessingAsync(stoppingToken);
        try
        {
            // The processor does not say when a receive came back empty: a poll wait without a message counts as one.
            var pollWait = options.Value.PollWait;
            while (true)
            {
                await Task.Delay(pollWait, time, stoppingToken);
                if (time.GetElapsedTime(Interlocked.Read(ref lastMessage)) >= pollWait)
                {
                    reception.FoundEmpty();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: drain below.
        }

        logger.LogInformation("Draining queue {Queue}: no new jobs; running ones finish or are handed back", reception.Queue);
        await processor.StopProcessingAsync(CancellationToken.None);
    }

    /// <summary>One message: dead-lettered with the reason when it cannot be run, else handed to the listener, which settles it.</summary>
    internal async Task ProcessAsync<T>(ProcessMessageEventArgs args, JobReception<T> reception)
    {
        var message = args.Message;
        if (!JobJson.TryRead<T>(message.Body.ToMemory().Span, out var job, out var error))
        {
            // A message no worker can read would otherwise come back until the queue's own bound.
            await args.DeadLetterMessageAsync(message, ReceiverRefusals.Unreadable, DeadLetter.Bounded(ReceiverRefusals.UnreadableDescription<T>(error)), CancellationToken.None);
            logger.LogWarning("Dead-lettered unreadable message {MessageId} on {Queue}: {Error}", message.MessageId, reception.Queue, error);
            return;
        }

        var maxDeliveries = options.Value.MaxDeliveries;
        if (message.DeliveryCount > maxDeliveries)
        {
            await args.DeadLetterMessageAsync(
                message, ReceiverRefusals.TooManyDeliveries, ReceiverRefusals.TooManyDeliveriesDescription(message.DeliveryCount, maxDeliveries), CancellationToken.None);
            logger.LogWarning("Dead-lettered message {MessageId} on {Queue} after {DeliveryCount} deliveries", message.MessageId, reception.Queue, message.DeliveryCount);
            return;
        }

        await reception.HandleAsync(new Delivery<T>(args, job, time), args.CancellationToken);
    }

    private sealed class Delivery<T>(ProcessMessageEventArgs args, T job, TimeProvider time) : JobDelivery<T>(job, args.Message.DeliveryCount)
    {
        public override Task CompleteAsync(CancellationToken cancellationToken = default) =>
            args.CompleteMessageAsync(args.Message, cancellationToken);

        /// <summary>
        /// Service Bus has no delayed abandon: a failed attempt waits out its delay under the renewed lock, then goes
        /// back, counted as a delivery. On shutdown the wait is cut short and the job goes back at once.
        /// </summary>
        public override async Task AbandonAsync(TimeSpan delay, CancellationToken cancellationToken = default)
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, args.CancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }

            await args.AbandonMessageAsync(args.Message, propertiesToModify: null, cancellationToken);
        }

        public override Task DeadLetterAsync(string reason, CancellationToken cancellationToken = default) =>
            args.DeadLetterMessageAsync(args.Message, ReceiverRefusals.JobRefused, DeadLetter.Bounded(reason), cancellationToken);

        /// <summary>The processor renews the lock itself (MaxAutoLockRenewalDuration).</summary>
        public override Task RenewAsync(TimeSpan visibility, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
