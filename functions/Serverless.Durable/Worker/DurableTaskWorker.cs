using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.Durable.Backend;

namespace Serverless.Durable.Worker;

/// <summary>
/// The hosted dispatchers: orchestration episodes and activity executions, each with its own concurrency limit.
/// Work is committed or abandoned, never dropped: an abandoned item comes back through its queue.
/// </summary>
internal sealed class DurableTaskWorker(
    IOrchestrationBackend backend,
    OrchestrationEpisodeRunner episodes,
    ActivityRunner activities,
    DurableWorkerOptions options,
    TimeProvider time,
    ILogger<DurableTaskWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await backend.CreateIfNotExistsAsync(stoppingToken);
        await backend.StartAsync(stoppingToken);
        logger.LogInformation("Durable worker started ({Orchestrations} orchestrations, {Activities} activities at once)",
            options.MaxConcurrentOrchestrations, options.MaxConcurrentActivities);
        await Task.WhenAll(
            DispatchAsync(options.MaxConcurrentOrchestrations, backend.LockNextOrchestrationWorkItemAsync, RunEpisodeAsync, stoppingToken),
            DispatchAsync(options.MaxConcurrentActivities, backend.LockNextActivityWorkItemAsync, RunActivityAsync, stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await backend.StopAsync(cancellationToken);
    }

    /// <summary>
    /// One loop per slot: every idle slot waits for work itself, so the backend sees how many items it may take
    /// at once (and hands locally scheduled activities straight to idle slots).
    /// </summary>
    private Task DispatchAsync<T>(int slots, Func<CancellationToken, Task<T>> next, Func<T, CancellationToken, Task> run, CancellationToken stopping) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, slots)).Select(_ => Task.Run(async () =>
        {
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    await run(await next(stopping), stopping);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    // Whatever was taken is redelivered after its visibility timeout; this slot keeps working.
                    logger.LogError(e, "A durable dispatcher slot failed; retrying in a second");
                    await Task.Delay(TimeSpan.FromSeconds(1), time, CancellationToken.None);
                }
            }
        }, CancellationToken.None)));

    private async Task RunEpisodeAsync(OrchestrationWorkItem item, CancellationToken stopping)
    {
        var started = time.GetTimestamp();
        try
        {
            var commit = episodes.Run(item);
            var decided = time.GetElapsedTime(started);
            await backend.CompleteOrchestrationWorkItemAsync(item, commit, CancellationToken.None);
            logger.LogDebug("Episode of {InstanceId}: {Messages} messages, {Events} new events, {Outbound} sent; decided in {DecideMs:F1} ms, committed in {CommitMs:F1} ms",
                item.InstanceId, item.Messages.Count, commit.NewEvents.Count, commit.Outbound.Count, decided.TotalMilliseconds, (time.GetElapsedTime(started) - decided).TotalMilliseconds);
        }
        catch (OrchestrationConflictException e)
        {
            logger.LogInformation("Episode of {InstanceId} lost a race and will be retried: {Reason}", item.InstanceId, e.Message);
            await backend.AbandonOrchestrationWorkItemAsync(item, TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Episode of {InstanceId} failed and will be retried", item.InstanceId);
            await backend.AbandonOrchestrationWorkItemAsync(item, TimeSpan.FromSeconds(1), CancellationToken.None);
        }
        finally
        {
            DurableTelemetry.EpisodeDuration.Record(time.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private async Task RunActivityAsync(ActivityWorkItem item, CancellationToken stopping)
    {
        if (item.DequeueCount > options.MaxDequeueCount)
        {
            var reason = $"Activity '{item.Scheduled.Name}' message {item.Message.Id} was delivered {item.DequeueCount} times without completing.";
            logger.LogError("Quarantining poison activity message: {Reason}", reason);
            DurableTelemetry.MessagesQuarantined.Add(1);
            await backend.QuarantineActivityWorkItemAsync(item, activities.Poisoned(item, reason), reason, CancellationToken.None);
            return;
        }

        using var renewal = new CancellationTokenSource();
        var renewing = KeepInvisibleAsync(item, renewal.Token);
        try
        {
            var started = time.GetTimestamp();
            var answer = await activities.RunAsync(item, stopping);
            await renewal.CancelAsync();
            await renewing;
            var ran = time.GetElapsedTime(started);
            await backend.CompleteActivityWorkItemAsync(item, answer, CancellationToken.None);
            logger.LogDebug("Activity {Activity} of {InstanceId} ran in {RunMs:F1} ms, answered in {AnswerMs:F1} ms",
                item.Scheduled.Name, item.Message.InstanceId, ran.TotalMilliseconds, (time.GetElapsedTime(started) - ran).TotalMilliseconds);
        }
        catch (Exception e)
        {
            await renewal.CancelAsync();
            await renewing;
            logger.LogError(e, "Activity {Activity} of {InstanceId} could not be completed; its message will be redelivered", item.Scheduled.Name, item.Message.InstanceId);
            await backend.AbandonActivityWorkItemAsync(item, CancellationToken.None);
        }
    }

    private async Task KeepInvisibleAsync(ActivityWorkItem item, CancellationToken cancellation)
    {
        using var ticks = new PeriodicTimer(backend.ActivityRenewalInterval, time);
        try
        {
            while (await ticks.WaitForNextTickAsync(cancellation))
            {
                try
                {
                    await backend.RenewActivityWorkItemAsync(item, cancellation);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A missed renewal only risks a duplicate run (activities are at-least-once); keep trying.
                    logger.LogWarning(e, "Could not renew the lock of activity {Activity} of {InstanceId}", item.Scheduled.Name, item.Message.InstanceId);
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The activity finished; renewal stops with it.
        }
    }
}
