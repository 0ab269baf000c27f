using Serverless.Worker.Configuration;
using Serverless.Worker.Transport;

namespace Serverless.Worker.Jobs;

/// <summary>
/// Takes jobs of one kind from its <see cref="IJobReceiver"/> (storage queue or Service Bus), a fixed number at a time,
/// and settles each message by the handler's outcome: complete, retry after <see cref="WorkerOptions.RetryDelay"/>, or
/// dead-letter with the reason. On shutdown (the host stopping, or the receiver draining) the running job is cancelled
/// and its message released at once, so another worker can start it again instead of waiting out the lease.
/// </summary>
public abstract class JobQueueListener<TJob>(IJobReceiver receiver, IServiceScopeFactory scopes, WorkerOptions settings, WorkerActivity activity, ILogger logger)
    : BackgroundService
{
    protected abstract string Queue { get; }

    protected abstract int Slots { get; }

    protected abstract string JobIdOf(TJob job);

    /// <summary>Runs one job in its own DI scope; an exception means "not finished" and is retried up to the delivery limit.</summary>
    protected abstract Task<Settlement> HandleAsync(IServiceProvider services, TJob job, long deliveryCount, CancellationToken cancellationToken);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Listening on queue {Queue} with {Slots} slot(s) for {JobType}", Queue, Slots, typeof(TJob).Name);
        activity.Serving(Queue);
        return receiver.RunAsync(new JobReception<TJob>(Queue, Slots, (delivery, drain) => RunOneAsync(delivery, drain, stoppingToken), () => activity.FoundEmpty(Queue)), stoppingToken);
    }

    private async Task RunOneAsync(JobDelivery<TJob> delivery, CancellationToken drain, CancellationToken stoppingToken)
    {
        // Either the host stopping or the receiver draining ends the job, and its message goes back.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(drain, stoppingToken);
        activity.JobStarted();
        try
        {
            await SettleAsync(delivery, stop.Token);
        }
        finally
        {
            activity.JobFinished();
        }
    }

    private async Task SettleAsync(JobDelivery<TJob> delivery, CancellationToken stoppingToken)
    {
        var jobId = JobIdOf(delivery.Job);
        try
        {
            var result = await RunAsync(delivery, jobId, stoppingToken);
            switch (result?.Outcome)
            {
                case JobOutcome.Complete:
                    await delivery.CompleteAsync(CancellationToken.None);
                    break;
                case JobOutcome.Retry:
                    await delivery.AbandonAsync(settings.RetryDelay, CancellationToken.None);
                    break;
                case JobOutcome.DeadLetter:
                    var reason = result.Reason ?? "unknown";
                    await delivery.DeadLetterAsync(reason, CancellationToken.None);
                    logger.LogWarning("Job {JobId} dead-lettered after {DeliveryCount} deliveries: {Reason}", jobId, delivery.DeliveryCount, reason);
                    break;
                case null:
                    await delivery.AbandonAsync(TimeSpan.Zero, CancellationToken.None);
                    logger.LogInformation("Released job {JobId} for another worker on shutdown", jobId);
                    break;
            }
        }
        catch (Exception exception)
        {
            // The message could not be settled (its lease was lost, storage is down): it reappears after its
            // visibility timeout and the job runs again, which is safe because jobs are idempotent.
            logger.LogError(exception, "Settling job {JobId} failed", jobId);
        }
    }

    /// <summary>The handler's outcome, or null when the worker is shutting down.</summary>
    private async Task<Settlement?> RunAsync(JobDelivery<TJob> delivery, string jobId, CancellationToken stoppingToken)
    {
        await using var lease = new LeaseRenewal<TJob>(delivery, settings.Visibility, logger);
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return await HandleAsync(scope.ServiceProvider, delivery.Job, delivery.DeliveryCount, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception exception) when (delivery.DeliveryCount < settings.MaxDeliveries)
        {
            logger.LogWarning(exception, "Job {JobId} could not be finished on delivery {DeliveryCount}; retrying", jobId, delivery.DeliveryCount);
            return Settlement.Retry;
        }
        catch (Exception exception)
        {
            // Even its failure could not be reported (the completion endpoint keeps refusing): set it aside
            // rather than let it circle the queue for ever.
            logger.LogError(exception, "Job {JobId} given up after {DeliveryCount} deliveries", jobId, delivery.DeliveryCount);
            return Settlement.DeadLetter($"Not finished after {delivery.DeliveryCount} deliveries: {exception.Message}");
        }
    }
}
