namespace Serverless.Studio.Providers.Usage;

/// <summary>
/// Counts what each user consumes with each provider. The in-memory meter is per process; a durable one (Cosmos DB,
/// a <c>usage</c> container partitioned by <c>/userId</c> with one document per user and provider, patched with
/// increments) implements this same interface and replaces the registration.
/// </summary>
public interface IUsageMeter
{
    ValueTask RecordAsync(UsageRecord record, CancellationToken cancellationToken = default);

    /// <summary>The user's totals, one entry per provider used.</summary>
    ValueTask<IReadOnlyList<UsageTotals>> GetTotalsAsync(string userId, CancellationToken cancellationToken = default);
}
