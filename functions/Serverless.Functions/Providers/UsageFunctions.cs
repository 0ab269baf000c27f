using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Providers.Ledger;

namespace Serverless.Functions.Providers;

/// <summary>What the caller's provider calls cost in the current UTC day or month, from the usage ledger.</summary>
public sealed class UsageFunctions(UsageLedger ledger, TimeProvider time)
{
    [Function("GetUsage")]
    [Answers<UsageSummary>]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/usage")] HttpRequest req)
    {
        var http = req.HttpContext;
        var period = http.Request.Query["period"].ToString();
        if (period.Length == 0)
        {
            period = UsagePeriod.Month;
        }

        if (!UsagePeriod.All.Contains(period))
        {
            return ApiResults.BadRequest(http, "period", $"one of {string.Join(", ", UsagePeriod.All)}");
        }

        var entries = await ledger.ForPeriodAsync(http.User.UserId(), period, time.GetUtcNow(), http.RequestAborted);
        return ApiResults.Ok(http, UsageSummary.Of(period, entries));
    }
}

/// <summary>
/// One provider and capability of a period's usage: its calls (failed and cached ones included), the units they were
/// metered in (tokens, images, characters, audio minutes; the same as a task's bill, so a free capability such as the
/// operator's transcription still shows what was used) and their cost.
/// </summary>
public sealed record UsageLine(string Provider, string Capability, int Calls, decimal Units, decimal Cost);

/// <summary>Answer of <c>GET /api/v1/usage</c>: exact USD sums of the ledger (rounded only where shown).</summary>
public sealed record UsageSummary(string Period, string Currency, decimal Total, IReadOnlyList<UsageLine> Items)
{
    public static UsageSummary Of(string period, IReadOnlyList<UsageEntry> entries)
    {
        var items = entries
            .GroupBy(e => (e.Provider, e.Capability))
            .OrderBy(g => g.Key.Provider, StringComparer.Ordinal).ThenBy(g => g.Key.Capability, StringComparer.Ordinal)
            .Select(g => new UsageLine(g.Key.Provider, g.Key.Capability, g.Count(), g.Sum(e => e.Units), g.Sum(e => e.Cost)))
            .ToList();
        return new UsageSummary(period, TaskBill.Usd, items.Sum(i => i.Cost), items);
    }
}
