using System.Text.Json;
using Serverless.Studio.Catalog;

namespace Serverless.Functions.FunctionsHost;

/// <summary>
/// Timer trigger (every 30 minutes): the catalog refresh, through the same lease singleton the standalone timer uses
/// (the host already runs one timer at a time; the lease also keeps a standalone host from overlapping it).
/// </summary>
public static class CatalogRefreshFunction
{
    public static async Task<FunctionInvocationResult> HandleAsync(FunctionInvocation invocation, CatalogRefreshSingleton singleton, ILogger logger, CancellationToken cancellationToken)
    {
        if (!invocation.Data.TryGetValue("timer", out var timer) || timer.ValueKind != JsonValueKind.Object)
        {
            throw new FunctionInvocationException("Data.timer (the timer's schedule status) is missing.");
        }

        var pastDue = timer.TryGetProperty("IsPastDue", out var due) && due.ValueKind == JsonValueKind.True;
        logger.LogInformation("Catalog refresh tick (past due: {PastDue})", pastDue);
        var run = await singleton.TryRunAsync(cancellationToken);
        var summary = run.Result is { } r
            ? $"Catalog refreshed{(pastDue ? " (late tick)" : "")}: {r.Added} added, {r.Updated} updated, {r.Removed} removed, {r.Voices} voices."
            : "Catalog refresh skipped: another host holds the lease.";
        return FunctionInvocationResult.Done(
            new Dictionary<string, object?> { ["IsPastDue"] = pastDue, ["Ran"] = run.Ran, ["Result"] = run.Result },
            summary);
    }
}
