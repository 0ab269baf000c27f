namespace Serverless.Studio.Providers.Ledger;

/// <summary>One call on a task's bill.</summary>
public sealed record BillItem(string Provider, string Model, string Capability, decimal Units, decimal Cost, bool Cached, bool Fallback);

/// <summary>What a task's provider calls cost, from its ledger entries (failed calls listed at no charge).</summary>
public sealed record TaskBill(string Currency, decimal Total, IReadOnlyList<BillItem> Items)
{
    public const string Usd = "USD";

    public static TaskBill Of(IEnumerable<UsageEntry> entries)
    {
        var items = entries
            .OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal)
            .Select(e => new BillItem(e.Provider, e.Model, e.Capability, e.Units, e.Cost, e.Cached, e.Fallback))
            .ToList();
        return new TaskBill(Usd, items.Sum(i => i.Cost), items);
    }
}
