using Microsoft.Azure.Cosmos;
using Serverless.Studio.Storage;

namespace Serverless.Studio.ProductCatalogs;

/// <summary>Imported ad results, in the owner's partition.</summary>
public sealed class AdResultStore(StudioDatabase database)
{
    public const string Results = "adResults";

    public async Task UpsertAsync(AdResult result, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Results);
        await container.UpsertItemAsync(result, new PartitionKey(result.UserId), cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyList<AdResult>> ListByCatalogAsync(string userId, string catalogId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Results);
        return await container.QueryPartitionAsync<AdResult>(
            new QueryDefinition("SELECT * FROM c WHERE c.userId = @userId AND c.catalogId = @id").WithParameter("@userId", userId).WithParameter("@id", catalogId), userId, cancellationToken);
    }

    /// <summary>The results of the given videos (the user's, any catalog).</summary>
    public async Task<IReadOnlyList<AdResult>> ListByVideosAsync(string userId, IReadOnlyCollection<string> videoIds, CancellationToken cancellationToken = default)
    {
        if (videoIds.Count == 0)
        {
            return [];
        }

        var container = await database.ContainerAsync(Results);
        var all = await container.QueryPartitionAsync<AdResult>(
            new QueryDefinition("SELECT * FROM c WHERE c.userId = @userId").WithParameter("@userId", userId), userId, cancellationToken);
        var wanted = videoIds.ToHashSet(StringComparer.Ordinal);
        return all.Where(r => wanted.Contains(r.VideoId)).ToList();
    }

    public async Task DeleteByCatalogAsync(string userId, string catalogId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Results);
        foreach (var result in await ListByCatalogAsync(userId, catalogId, cancellationToken))
        {
            await container.DeleteIfThereAsync<AdResult>(result.Id, userId, cancellationToken);
        }
    }
}
