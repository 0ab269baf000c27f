using Microsoft.Azure.Cosmos;
using Serverless.Studio.Storage;

namespace Serverless.Studio.ProductCatalogs;

/// <summary>The videos made for catalog products, in the owner's partition; one document per video.</summary>
public sealed class CatalogVideoStore(StudioDatabase database)
{
    public const string Videos = "catalogVideos";

    public async Task UpsertAsync(CatalogVideo video, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Videos);
        await container.UpsertItemAsync(video, new PartitionKey(video.UserId), cancellationToken: cancellationToken);
    }

    public async Task<CatalogVideo?> FindAsync(string userId, string videoId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Videos);
        return await container.FindAsync<CatalogVideo>(videoId, userId, cancellationToken);
    }

    /// <summary>Every video of a catalog (every render, not only the latest: see <see cref="CatalogVideo.LatestPerProduct"/>).</summary>
    public async Task<IReadOnlyList<CatalogVideo>> ListByCatalogAsync(string userId, string catalogId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Videos);
        return await container.QueryPartitionAsync<CatalogVideo>(
            new QueryDefinition("SELECT * FROM c WHERE c.userId = @userId AND c.catalogId = @id").WithParameter("@userId", userId).WithParameter("@id", catalogId), userId, cancellationToken);
    }

    /// <summary>Every video the user made with a template, across catalogs.</summary>
    public async Task<IReadOnlyList<CatalogVideo>> ListByTemplateAsync(string userId, string templateId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Videos);
        return await container.QueryPartitionAsync<CatalogVideo>(
            new QueryDefinition("SELECT * FROM c WHERE c.userId = @userId AND c.templateId = @id").WithParameter("@userId", userId).WithParameter("@id", templateId), userId, cancellationToken);
    }

    public async Task DeleteByCatalogAsync(string userId, string catalogId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Videos);
        foreach (var video in await ListByCatalogAsync(userId, catalogId, cancellationToken))
        {
            await container.DeleteIfThereAsync<CatalogVideo>(video.Id, userId, cancellationToken);
        }
    }
}
