using Microsoft.Azure.Cosmos;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Providers.Ledger;

/// <summary>
/// The usage ledger in Cosmos DB. Entries are upserted under ids derived from the call, so writing one again (a
/// replayed activity) replaces it instead of billing twice. Every query stays inside the user's partition.
/// </summary>
public sealed class UsageLedger(StudioDatabase database)
{
    public const string Container = "ledger";

    public async Task WriteAsync(UsageEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var container = await database.ContainerAsync(Container);
        await container.UpsertItemAsync(entry, new PartitionKey(entry.UserId), cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyList<UsageEntry>> ForTaskAsync(string userId, string taskId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Container);
        return await container.QueryPartitionAsync<UsageEntry>(
            new QueryDefinition("SELECT * FROM c WHERE c.userId = @user AND c.taskId = @task").WithParameter("@user", userId).WithParameter("@task", taskId),
            userId,
            cancellationToken);
    }

    /// <summary>The user's entries of the UTC day or month that <paramref name="at"/> falls in.</summary>
    public async Task<IReadOnlyList<UsageEntry>> ForPeriodAsync(string userId, string period, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var (field, value) = period switch
        {
            UsagePeriod.Day => ("day", UsagePeriod.DayOf(at)),
            UsagePeriod.Month => ("month", UsagePeriod.MonthOf(at)),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, "day or month"),
        };
        var container = await database.ContainerAsync(Container);
        return await container.QueryPartitionAsync<UsageEntry>(
            new QueryDefinition($"SELECT * FROM c WHERE c.userId = @user AND c.{field} = @value").WithParameter("@user", userId).WithParameter("@value", value),
            userId,
            cancellationToken);
    }
}
