using Microsoft.Azure.Cosmos;
using Serverless.Studio.Projects;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Assets;

/// <summary>Asset records in Cosmos DB, read only on behalf of their owner and always inside the project's partition.</summary>
public sealed class ProjectAssetStore(StudioDatabase database)
{
    public async Task SaveAsync(ProjectAsset asset, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(StudioContainers.AssetRecords);
        await container.UpsertItemAsync(asset, new PartitionKey(asset.ProjectId), cancellationToken: cancellationToken);
    }

    public async Task<ProjectAsset?> FindAsync(string userId, string projectId, string assetId, CancellationToken cancellationToken = default)
    {
        if (!CouldExist(projectId, assetId))
        {
            return null;
        }

        var container = await database.ContainerAsync(StudioContainers.AssetRecords);
        var asset = await container.FindAsync<ProjectAsset>(assetId, projectId, cancellationToken);
        return asset?.UserId == userId ? asset : null;
    }

    public async Task<IReadOnlyList<ProjectAsset>> ListAsync(string userId, string projectId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(StudioContainers.AssetRecords);
        // The filter names the partition key: the local emulator refuses queries that do not ("missing partition keys").
        var query = new QueryDefinition("SELECT * FROM c WHERE c.projectId = @projectId").WithParameter("@projectId", projectId);
        var found = new List<ProjectAsset>();
        using var feed = container.GetItemQueryIterator<ProjectAsset>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(projectId) });
        while (feed.HasMoreResults)
        {
            found.AddRange(await feed.ReadNextAsync(cancellationToken));
        }

        return found.Where(a => a.UserId == userId).OrderBy(a => a.CreatedAt).ToList();
    }

    /// <summary>Deletes the record only while <paramref name="condition"/> holds for it as stored (see <see cref="CosmosPointReads.DeleteWhileAsync{T}"/>).</summary>
    public async Task<ProjectAsset?> DeleteWhileAsync(string userId, string projectId, string assetId, Func<ProjectAsset, bool> condition, CancellationToken cancellationToken = default)
    {
        if (!CouldExist(projectId, assetId))
        {
            return null;
        }

        var container = await database.ContainerAsync(StudioContainers.AssetRecords);
        return await container.DeleteWhileAsync<ProjectAsset>(assetId, projectId, a => a.UserId == userId && condition(a), cancellationToken);
    }

    public async Task DeleteAsync(ProjectAsset asset, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(StudioContainers.AssetRecords);
        try
        {
            await container.DeleteItemAsync<ProjectAsset>(asset.Id, new PartitionKey(asset.ProjectId), cancellationToken: cancellationToken);
        }
        catch (CosmosException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Deleted by a concurrent request: the outcome the caller asked for.
        }
    }

    /// <summary>Whether an asset of ours could have these ids: anything else a caller puts in a URL is not sent to the database.</summary>
    private static bool CouldExist(string projectId, string assetId) => StudioIds.IsProjectId(projectId) && assetId.Length <= 64;
}
