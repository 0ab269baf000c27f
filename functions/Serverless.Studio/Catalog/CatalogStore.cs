using System.Net;
using Microsoft.Azure.Cosmos;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Catalog;

public sealed class CatalogStore(StudioDatabase database)
{
    public const string Entries = "catalog";

    public async Task<IReadOnlyList<CatalogEntry>> ListAsync(string kind, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Entries);
        var results = new List<CatalogEntry>();
        using var iterator = container.GetItemQueryIterator<CatalogEntry>(
            new QueryDefinition("SELECT * FROM c WHERE c.kind = @kind").WithParameter("@kind", kind), requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(kind) });
        while (iterator.HasMoreResults)
        {
            results.AddRange(await iterator.ReadNextAsync(cancellationToken));
        }

        return results.OrderBy(e => e.Category, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal).ToList();
    }

    public async Task UpsertAsync(CatalogEntry entry, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Entries);
        await container.UpsertItemAsync(entry, new PartitionKey(entry.Kind), cancellationToken: cancellationToken);
    }

    public async Task DeleteAsync(CatalogEntry entry, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Entries);
        try
        {
            await container.DeleteItemAsync<CatalogEntry>(entry.Id, new PartitionKey(entry.Kind), cancellationToken: cancellationToken);
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // Removed by another pass already: the outcome is the same.
        }
    }
}
