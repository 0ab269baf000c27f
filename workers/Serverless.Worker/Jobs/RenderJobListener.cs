using Microsoft.Extensions.Options;
using Serverless.Contracts.Rendering;
using Serverless.Contracts.Transport;
using Serverless.Worker.Configuration;

namespace Serverless.Worker.Jobs;

/// <summary>
/// Takes render jobs off the queue, <see cref="WorkerOptions.MaxConcurrentJobs"/> at a time, and settles each
/// message by the handler's outcome. On shutdown the running job is cancelled and its message released at once,
/// so another worker can start it again instead of waiting out the lease.
/// </summary>
public sealed class RenderJobListener(
    IJobTransport transport,
    IServiceScopeFactory scopes,
    IOptions<WorkerOptions> options,
    ILogger<RenderJobListener> logger) : BackgroundService
{
    private static readonly TimeSpan ReceiveBackoff = TimeSpan.FromSeconds(5);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Listening on queue {Queue} with {Slots} render slot(s)", options.Value.Queue, options.Value.MaxConcurrentJobs);
        return Task.WhenAll(Enumerable.Range(0, options.Value.MaxConcurrentJobs).Select(_ => RunSlotAsync(stoppingToken)));
    }

    private async Task RunSlotAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            JobDelivery<RenderJob>? delivery;
            try
            {
                delivery = await transport.ReceiveAsync<RenderJob>(settings.Queue, settings.Visibility, settings.PollWait, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Receiving from queue {Queue} failed; trying again in {Delay}", settings.Queue, ReceiveBackoff);
                await Task.Delay(ReceiveBackoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                continue;
            }

            if (delivery is not null)
            {
                await SettleAsync(delivery, settings, stoppingToken);
            }
        }
    }

    private async Task SettleAsync(JobDelivery<RenderJob> delivery, WorkerOptions settings, CancellationToken stoppingToken)
    {
        try
        {
            var result = await RunAsync(delivery, settings, stoppingToken);
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
                    logger.LogWarning("Job {JobId} dead-lettered after {DeliveryCount} deliveries: {Reason}", delivery.Job.JobId, delivery.DeliveryCount, reason);
                    break;
                case null:
                    await delivery.AbandonAsync(TimeSpan.Zero, CancellationToken.None);
                    logger.LogInformation("Released job {JobId} for another worker on shutdown", delivery.Job.JobId);
                    break;
            }
        }
        catch (Exception exception)
        {
            // The message could not be settled (its lease was lost, storage is down): it reappears after its
            // visibility timeout and the job runs again, which is safe because jobs are idempotent.
            logger.LogError(exception, "Settling job {JobId} failed", delivery.Job.JobId);
        }
    }

    /// <summary>The handler's outcome, or null when the worker is shutting down.</summary>
    private async Task<JobResult?> RunAsync(JobDelivery<RenderJob> delivery, WorkerOptions settings, CancellationToken stoppingToken)
    {
        await using var lease = new LeaseRenewal<RenderJob>(delivery, settings.Visibility, logger);
        await using var scope = scopes.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService<RenderJobHandler>();
        try
        {
            return await handler.HandleAsync(delivery.Job, delivery.DeliveryCount, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception exception) when (delivery.DeliveryCount < settings.MaxDeliveries)
        {
            logger.LogWarning(exception, "Job {JobId} could not be finished on delivery {DeliveryCount}; retrying", delivery.Job.JobId, delivery.DeliveryCount);
            return JobResult.Retry;
        }
        catch (Exception exception)
        {
            // Even its failure could not be reported (the completion endpoint keeps refusing): set it aside
            // rather than let it circle the queue for ever.
            logger.LogError(exception, "Job {JobId} given up after {DeliveryCount} deliveries", delivery.Job.JobId, delivery.DeliveryCount);
            return JobResult.DeadLetter($"Not finished after {delivery.DeliveryCount} deliveries: {exception.Message}");
        }
    }
}
