using System.Net;
using Microsoft.Azure.Cosmos;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Footage;

/// <summary>Footage records in Cosmos DB, one partition per user: every read names its owner.</summary>
public sealed class FootageStore(StudioDatabase database)
{
    public const string Container = "footage";
    private const int MaxAttempts = 8;

    public async Task CreateAsync(FootageRecord footage, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Container);
        await container.CreateItemAsync(footage, new PartitionKey(footage.UserId), cancellationToken: cancellationToken);
    }

    public async Task<FootageRecord?> FindAsync(string userId, string footageId, CancellationToken cancellationToken = default)
    {
        if (!FootageIds.IsFootageId(footageId))
        {
            return null;
        }

        var container = await database.ContainerAsync(Container);
        return await container.FindAsync<FootageRecord>(footageId, userId, cancellationToken);
    }

    public async Task DeleteAsync(FootageRecord footage, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Container);
        try
        {
            await container.DeleteItemAsync<FootageRecord>(footage.Id, new PartitionKey(footage.UserId), cancellationToken: cancellationToken);
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // Gone already: a sweep run twice.
        }
    }

    /// <summary>Deletes the record only while <paramref name="condition"/> holds for it as stored (see <see cref="CosmosPointReads.DeleteWhileAsync{T}"/>).</summary>
    public async Task<FootageRecord?> DeleteWhileAsync(string userId, string footageId, Func<FootageRecord, bool> condition, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Container);
        return FootageIds.IsFootageId(footageId) ? await container.DeleteWhileAsync(footageId, userId, condition, cancellationToken) : null;
    }

    /// <summary>The user's footage, newest first (one partition: the user's; few enough to read whole and page here).</summary>
    public async Task<IReadOnlyList<FootageRecord>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Container);
        var all = await container.QueryPartitionAsync<FootageRecord>(
            new QueryDefinition("SELECT * FROM c WHERE c.userId = @userId").WithParameter("@userId", userId), userId, cancellationToken);
        return all.OrderByDescending(f => f.CreatedAt).ThenBy(f => f.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stored record under its ETag, redone on the fresh record when another
    /// write came first (a batch's clips finish at any time); null when there is no such record.
    /// </summary>
    public async Task<FootageRecord?> UpdateAsync(string userId, string footageId, Func<FootageRecord, FootageRecord> change, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Container);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            await EntityTags.BackOffAsync(attempt, cancellationToken);
            ItemResponse<FootageRecord> read;
            try
            {
                read = await container.ReadItemAsync<FootageRecord>(footageId, new PartitionKey(userId), cancellationToken: cancellationToken);
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            var next = change(read.Resource);
            try
            {
                await container.ReplaceItemAsync(next, footageId, new PartitionKey(userId), new ItemRequestOptions { IfMatchEtag = read.ETag }, cancellationToken);
                return next;
            }
            catch (CosmosException e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
            {
                // Another write came first: apply the change to what it left.
            }
        }

        throw new InvalidOperationException($"Footage {footageId} is too contended to update; try again.");
    }
}
