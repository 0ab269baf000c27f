using Cronos;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Serverless.Functions.Hosting;
using Serverless.Functions.LocalRunner;
using Serverless.Studio.Catalog;

namespace Serverless.Functions.Catalog;

/// <summary>
/// The timer trigger in the local runner: ticks on <c>Catalog:Schedule</c> (the schedule the function's
/// <c>%Catalog:Schedule%</c> names) and invokes the same <see cref="CatalogFunctions.RefreshAsync"/> the Functions host
/// calls. On start it catches up a run missed while no host was up (a past-due tick); the function runs the refresh
/// through the lease singleton, so with several hosts one refreshes and the rest skip.
/// </summary>
public sealed class CatalogRefreshTimer(
    CatalogRefreshSingleton singleton,
    IServiceScopeFactory scopes,
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
                await RunAsync(pastDue: true, stoppingToken);
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

                await RunAsync(pastDue: false, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(bool pastDue, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var input = new FunctionInput(new TimerInfo { IsPastDue = pastDue }, new Dictionary<string, object?>());
            await FunctionInvoker.InvokeAsync(FunctionCatalog.ForApp.Get(CatalogFunctions.CatalogRefresh), scope.ServiceProvider, input, cancellationToken);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or Microsoft.Azure.Cosmos.CosmosException)
        {
            // Storage hiccups must not end the timer; the next tick tries again.
            logger.LogError(e, "Catalog refresh failed");
        }
    }
}
