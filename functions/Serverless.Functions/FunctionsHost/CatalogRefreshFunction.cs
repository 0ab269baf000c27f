using System.Text.Json;

namespace Serverless.Functions.FunctionsHost;

/// <summary>
/// Timer trigger (every 30 minutes). For now it records the tick and whether it ran late: the catalog scan itself
/// (ffprobe, Cosmos upsert, lease singleton when standalone) is issue 6's trigger work.
/// </summary>
public static class CatalogRefreshFunction
{
    public static FunctionInvocationResult Handle(FunctionInvocation invocation, ILogger logger)
    {
        if (!invocation.Data.TryGetValue("timer", out var timer) || timer.ValueKind != JsonValueKind.Object)
        {
            throw new FunctionInvocationException("Data.timer (the timer's schedule status) is missing.");
        }

        var pastDue = timer.TryGetProperty("IsPastDue", out var due) && due.ValueKind == JsonValueKind.True;
        logger.LogInformation("Catalog refresh tick (past due: {PastDue})", pastDue);
        return FunctionInvocationResult.Done(
            new Dictionary<string, object?> { ["IsPastDue"] = pastDue },
            pastDue ? "Catalog refresh tick ran late; the refresh itself is not implemented yet." : "Catalog refresh tick; the refresh itself is not implemented yet.");
    }
}
