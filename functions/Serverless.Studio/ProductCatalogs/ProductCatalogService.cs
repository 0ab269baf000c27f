using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Serverless.Studio.Projects;

namespace Serverless.Studio.ProductCatalogs;

/// <summary>What a user asks a catalog to be: a name, a locale, and optionally an HTTPS feed it is refreshed from.</summary>
public sealed record ProductCatalogDraft(string? Name, string? Locale, string? FeedUrl, string? FeedFormat);

/// <summary>A user's catalogs and their products: every call names the owner, and another user's catalog is not found.</summary>
public sealed class ProductCatalogService(
    ProductCatalogStore store, ProductRowRules rules, CatalogVideoStore videos, AdResultStore adResults, Storage.AssetStore blobs,
    IOptions<ProductCatalogOptions> options, TimeProvider time)
{
    public const int MaxCatalogNameLength = 100;
    private const int MaxLocaleLength = 35;

    public static string NewCatalogId() => "cat_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public async Task<Outcome<ProductCatalog>> CreateAsync(string userId, ProductCatalogDraft draft, CancellationToken cancellationToken)
    {
        var (name, locale, source, problem) = Check(draft);
        if (problem is not null)
        {
            return problem;
        }

        var (_, count) = await store.ListAsync(userId, 1, 1, cancellationToken);
        if (count >= options.Value.MaxCatalogsPerUser)
        {
            return Outcome<ProductCatalog>.Conflict($"a user may have at most {options.Value.MaxCatalogsPerUser} catalogs");
        }

        var now = time.GetUtcNow();
        var catalog = new ProductCatalog { Id = NewCatalogId(), UserId = userId, Name = name!, Locale = locale, Source = source, CreatedAt = now, UpdatedAt = now };
        await store.CreateAsync(catalog, cancellationToken);
        return Outcome<ProductCatalog>.Ok(catalog);
    }

    public Task<ProductCatalog?> FindAsync(string userId, string catalogId, CancellationToken cancellationToken) =>
        store.FindAsync(userId, catalogId, cancellationToken);

    public Task<(IReadOnlyList<ProductCatalog> Items, int Total)> ListAsync(string userId, int page, int pageSize, CancellationToken cancellationToken) =>
        store.ListAsync(userId, page, pageSize, cancellationToken);

    /// <summary>Deletes the catalog with its products, its videos' records and its ad results; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string userId, string catalogId, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(userId, catalogId, cancellationToken) is null)
        {
            return false;
        }

        await videos.DeleteByCatalogAsync(userId, catalogId, cancellationToken);
        await adResults.DeleteByCatalogAsync(userId, catalogId, cancellationToken);
        return await store.DeleteAsync(userId, catalogId, cancellationToken);
    }

    /// <summary>
    /// Keeps an uploaded file (streamed, bounded) as the catalog's source, which the scheduled refresh imports while its
    /// version is new; answers the catalog, or null when there is none.
    /// </summary>
    public async Task<ProductCatalog?> SetSourceFileAsync(string userId, string catalogId, string format, Stream content, CancellationToken cancellationToken)
    {
        var catalog = await store.FindAsync(userId, catalogId, cancellationToken);
        if (catalog is null)
        {
            return null;
        }

        var blob = CatalogSourceRefresh.SourceBlob(userId, catalogId, format);
        await using (var bounded = new BoundedReadStream(content, options.Value.MaxSourceBytes))
        {
            await blobs.UploadStreamAsync(blob, bounded, format == ProductFileReader.Json ? "application/json" : "text/csv", cancellationToken);
        }

        var updated = catalog with { Source = new CatalogSource { Format = format, Blob = blob }, UpdatedAt = time.GetUtcNow() };
        await store.UpsertAsync(updated, cancellationToken);
        return updated;
    }

    /// <summary>Creates or replaces one product (the API's PUT), checked as an imported row is.</summary>
    public async Task<Outcome<Product>> SaveProductAsync(string userId, string catalogId, ProductRow row, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(userId, catalogId, cancellationToken) is null)
        {
            return Outcome<Product>.NotFound();
        }

        var (data, reason) = rules.Check(row);
        if (data is null)
        {
            return Outcome<Product>.Invalid(FieldOf(reason!), reason!);
        }

        var existing = await store.FindProductAsync(userId, catalogId, data.Sku, cancellationToken);
        var product = ProductImport.Merge(userId, catalogId, existing, data, time.GetUtcNow());
        await store.UpsertProductAsync(product, cancellationToken);
        return Outcome<Product>.Ok(product);
    }

    private (string? Name, string? Locale, CatalogSource? Source, Outcome<ProductCatalog>? Problem) Check(ProductCatalogDraft draft)
    {
        var name = draft.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxCatalogNameLength || name.Any(char.IsControl))
        {
            return (null, null, null, Outcome<ProductCatalog>.Invalid("name", $"1 to {MaxCatalogNameLength} characters without control characters"));
        }

        string? locale = null;
        if (!string.IsNullOrWhiteSpace(draft.Locale))
        {
            try
            {
                locale = draft.Locale.Length <= MaxLocaleLength ? CultureInfo.GetCultureInfo(draft.Locale, predefinedOnly: true).Name : null;
            }
            catch (CultureNotFoundException)
            {
                locale = null;
            }

            if (string.IsNullOrEmpty(locale))
            {
                return (null, null, null, Outcome<ProductCatalog>.Invalid("locale", "a known locale such as zh-CN or en-US"));
            }
        }

        CatalogSource? source = null;
        if (!string.IsNullOrWhiteSpace(draft.FeedUrl))
        {
            if (rules.CheckFetchUrl(draft.FeedUrl) is { } reason)
            {
                return (null, null, null, Outcome<ProductCatalog>.Invalid("feed_url", reason));
            }

            var format = draft.FeedFormat ?? ProductFileReader.Csv;
            if (format is not (ProductFileReader.Csv or ProductFileReader.Json))
            {
                return (null, null, null, Outcome<ProductCatalog>.Invalid("feed_format", "csv or json"));
            }

            source = new CatalogSource { Format = format, Url = draft.FeedUrl };
        }

        return (name, locale, source, null);
    }

    // The rules' reasons start with the field they are about ("price must be ...", "sku is missing").
    private static string FieldOf(string reason) => reason.Contains("selling point", StringComparison.Ordinal) ? "selling_points" : reason.Split(' ', 2)[0] switch
    {
        var field when field is "sku" or "name" or "category" or "price" or "currency" or "picture_url" => field,
        "unknown" => "currency",
        _ => "body",
    };
}
