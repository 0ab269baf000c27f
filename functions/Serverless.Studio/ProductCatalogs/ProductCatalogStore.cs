using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Azure.Cosmos;
using Serverless.Studio.Storage;

namespace Serverless.Studio.ProductCatalogs;

/// <summary>
/// Catalogs and their products in Cosmos DB. Both containers are partitioned by the owner, and every read names
/// the owner, so another user's catalog or product is simply not found.
/// </summary>
public sealed class ProductCatalogStore(StudioDatabase database)
{
    public const string Catalogs = "productCatalogs";
    public const string Products = "products";

    /// <summary>The catalogs that have a source to refresh, across users, in one partition (the emulator queries no other way).</summary>
    public const string Sources = "catalogSources";

    public async Task CreateAsync(ProductCatalog catalog, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Catalogs);
        await container.CreateItemAsync(catalog, new PartitionKey(catalog.UserId), cancellationToken: cancellationToken);
        await IndexSourceAsync(catalog, cancellationToken);
    }

    public async Task UpsertAsync(ProductCatalog catalog, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Catalogs);
        await container.UpsertItemAsync(catalog, new PartitionKey(catalog.UserId), cancellationToken: cancellationToken);
        await IndexSourceAsync(catalog, cancellationToken);
    }

    public async Task<ProductCatalog?> FindAsync(string userId, string catalogId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Catalogs);
        return await container.FindAsync<ProductCatalog>(catalogId, userId, cancellationToken);
    }

    /// <summary>One page of the user's catalogs, newest first, and how many there are in all (a user has few).</summary>
    public async Task<(IReadOnlyList<ProductCatalog> Items, int Total)> ListAsync(string userId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Catalogs);
        var all = await container.QueryPartitionAsync<ProductCatalog>(
            new QueryDefinition("SELECT * FROM c WHERE c.userId = @userId").WithParameter("@userId", userId), userId, cancellationToken);
        var items = all.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id, StringComparer.Ordinal).Skip((page - 1) * pageSize).Take(pageSize).ToList();
        return (items, all.Count);
    }

    /// <summary>Deletes the catalog and every product of it; false when there was no such catalog.</summary>
    public async Task<bool> DeleteAsync(string userId, string catalogId, CancellationToken cancellationToken = default)
    {
        await foreach (var product in ListAllProductsAsync(userId, catalogId, cancellationToken))
        {
            await DeleteProductAsync(userId, catalogId, product.Sku, cancellationToken);
        }

        var sources = await database.ContainerAsync(Sources);
        await sources.DeleteIfThereAsync<CatalogSourceEntry>(catalogId, CatalogSourceEntry.Partition, cancellationToken);
        var catalogs = await database.ContainerAsync(Catalogs);
        return await catalogs.DeleteIfThereAsync<ProductCatalog>(catalogId, userId, cancellationToken);
    }

    /// <summary>Every catalog with a source, as (owner, catalog id): what the scheduled refresh walks.</summary>
    public async Task<IReadOnlyList<CatalogSourceEntry>> ListSourcesAsync(CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Sources);
        return await container.QueryPartitionAsync<CatalogSourceEntry>(
            new QueryDefinition("SELECT * FROM c WHERE c.kind = @kind").WithParameter("@kind", CatalogSourceEntry.Partition),
            CatalogSourceEntry.Partition, cancellationToken);
    }

    public async Task UpsertProductAsync(Product product, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Products);
        await container.UpsertItemAsync(product, new PartitionKey(product.UserId), cancellationToken: cancellationToken);
    }

    public async Task<Product?> FindProductAsync(string userId, string catalogId, string sku, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Products);
        var product = await container.FindAsync<Product>(Product.DocumentId(catalogId, sku), userId, cancellationToken);
        // The id is a hash prefix of the SKU: a match must also be the same SKU of the same catalog.
        return product is not null && product.CatalogId == catalogId && product.Sku == sku ? product : null;
    }

    /// <summary>
    /// One page of a catalog's products and the continuation to pass for the next (null after the last page); null
    /// altogether when the continuation handed in is not one the database made.
    /// </summary>
    public async Task<(IReadOnlyList<Product> Items, string? Continuation)?> ListProductsAsync(
        string userId, string catalogId, int pageSize, string? continuation, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Products);
        using var feed = container.GetItemQueryIterator<Product>(ProductsOf(userId, catalogId), continuation,
            new QueryRequestOptions { PartitionKey = new PartitionKey(userId), MaxItemCount = pageSize });
        if (!feed.HasMoreResults)
        {
            return ([], null);
        }

        try
        {
            var page = await feed.ReadNextAsync(cancellationToken);
            return (page.ToList(), page.ContinuationToken);
        }
        catch (Exception e) when (continuation is not null
            && e is CosmosException { StatusCode: HttpStatusCode.BadRequest } or ArgumentException or FormatException or Newtonsoft.Json.JsonException)
        {
            // A continuation the caller made up (or garbled): theirs to fix, not an outage.
            return null;
        }
    }

    /// <summary>Every product of a catalog, read a page at a time (a catalog may hold 50,000).</summary>
    public async IAsyncEnumerable<Product> ListAllProductsAsync(string userId, string catalogId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Products);
        using var feed = container.GetItemQueryIterator<Product>(ProductsOf(userId, catalogId), requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(userId) });
        while (feed.HasMoreResults)
        {
            foreach (var product in await feed.ReadNextAsync(cancellationToken))
            {
                yield return product;
            }
        }
    }

    public async Task<bool> DeleteProductAsync(string userId, string catalogId, string sku, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Products);
        return await container.DeleteIfThereAsync<Product>(Product.DocumentId(catalogId, sku), userId, cancellationToken);
    }

    private async Task IndexSourceAsync(ProductCatalog catalog, CancellationToken cancellationToken)
    {
        var container = await database.ContainerAsync(Sources);
        if (catalog.Source is null)
        {
            await container.DeleteIfThereAsync<CatalogSourceEntry>(catalog.Id, CatalogSourceEntry.Partition, cancellationToken);
            return;
        }

        await container.UpsertItemAsync(new CatalogSourceEntry(catalog.Id, CatalogSourceEntry.Partition, catalog.UserId),
            new PartitionKey(CatalogSourceEntry.Partition), cancellationToken: cancellationToken);
    }

    // The emulator serves a query only when it names the partition key, so the owner is in the filter as well.
    private static QueryDefinition ProductsOf(string userId, string catalogId) =>
        new QueryDefinition("SELECT * FROM c WHERE c.userId = @userId AND c.catalogId = @catalogId")
            .WithParameter("@userId", userId).WithParameter("@catalogId", catalogId);
}

/// <summary>A catalog that has a source to refresh (container <c>catalogSources</c>, partitioned by <c>/kind</c>).</summary>
public sealed record CatalogSourceEntry(string Id, string Kind, string UserId)
{
    public const string Partition = "source";
}
