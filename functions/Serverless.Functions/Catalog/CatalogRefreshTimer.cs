using Cronos;
using Microsoft.Extensions.Options;
using Serverless.Studio.Catalog;

namespace Serverless.Functions.Catalog;

/// <summary>
/// The catalog refresh's cron timer when the app runs standalone (the Functions host has its own timer trigger).
/// On start it catches up a run missed while no host was up; each tick runs the refresh through the lease
/// singleton, so with several hosts one refreshes and the rest skip.
/// </summary>
public sealed class CatalogRefreshTimer(
    CatalogRefreshSingleton singleton,
    IOptions<CatalogOptions> options,
    TimeProvider time,
    ILogger<CatalogRefreshTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CronExpression.Parse(options.Value.Schedule, CronFormat.IncludeSeconds);
        try
        {
            var last = await singleton.LastRunAsync(stoppingToken);
            var due = last is null ? null : schedule.GetNextOccurrence(last.Value.UtcDateTime, TimeZoneInfo.Utc);
            if (last is null || due <= time.GetUtcNow().UtcDateTime)
            {
                logger.LogInformation("Catalog refresh catching up (last run {LastRun})", last);
                await RunAsync(stoppingToken);
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                var next = schedule.GetNextOccurrence(time.GetUtcNow().UtcDateTime, TimeZoneInfo.Utc);
                if (next is null)
                {
                    return;
                }

                var wait = next.Value - time.GetUtcNow().UtcDateTime;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stoppingToken);
                }

                await RunAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await singleton.TryRunAsync(cancellationToken);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or Microsoft.Azure.Cosmos.CosmosException)
        {
            // Storage hiccups must not end the timer; the next tick tries again.
            logger.LogError(e, "Catalog refresh failed");
        }
    }
}
