using System.Collections.Concurrent;

namespace Serverless.Studio.Providers.Usage;

/// <summary>Usage totals held in this process; lost on restart, which is fine for local runs and tests.</summary>
public sealed class InMemoryUsageMeter : IUsageMeter
{
    private readonly ConcurrentDictionary<(string UserId, string Provider), UsageTotals> _totals = new();

    public ValueTask RecordAsync(UsageRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var sample = record.Sample;
        _totals.AddOrUpdate(
            (record.UserId, record.Provider),
            _ => Add(new UsageTotals(record.UserId, record.Provider, 0, 0, 0, 0, 0, 0), record.Succeeded, sample),
            (_, current) => Add(current, record.Succeeded, sample));
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<UsageTotals>> GetTotalsAsync(string userId, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<UsageTotals> totals = _totals.Values.Where(t => t.UserId == userId).OrderBy(t => t.Provider, StringComparer.Ordinal).ToList();
        return ValueTask.FromResult(totals);
    }

    private static UsageTotals Add(UsageTotals totals, bool succeeded, UsageSample sample) => totals with
    {
        Calls = totals.Calls + 1,
        Failures = totals.Failures + (succeeded ? 0 : 1),
        InputTokens = totals.InputTokens + sample.InputTokens,
        OutputTokens = totals.OutputTokens + sample.OutputTokens,
        Images = totals.Images + sample.Images,
        AudioSeconds = totals.AudioSeconds + sample.AudioSeconds,
    };
}
