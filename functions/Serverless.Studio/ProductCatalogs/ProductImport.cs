using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Studio.ProductCatalogs;

/// <summary>A row the import refused: its 1-based data row, its SKU when it had one, and why.</summary>
public sealed record RefusedRow(int Row, string? Sku, string Reason);

/// <summary>What an import did: rows accepted (stored, or already stored unchanged) and rows refused.</summary>
public sealed record ImportReport(int Accepted, int Unchanged, IReadOnlyList<RefusedRow> Refused, bool PicturesPending);

/// <summary>
/// Imports product rows into a catalog as they stream in: each row is checked, a SKU seen earlier in the same file
/// is refused, and accepted products are written a bounded batch at a time. A product whose content is unchanged
/// keeps its document (and <see cref="Product.ContentHash"/>), so nothing is rendered again for it.
/// </summary>
public sealed class ProductImport(
    ProductCatalogStore store, ProductRowRules rules, IOptions<ProductCatalogOptions> options, TimeProvider time, ILogger<ProductImport> logger)
{
    public async Task<ImportReport> ImportAsync(string userId, string catalogId, IAsyncEnumerable<ProductRow> rows, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var firstRowOfSku = new Dictionary<string, int>(StringComparer.Ordinal);
        var refused = new List<RefusedRow>();
        var batch = new List<ProductData>(limits.Concurrency * 8);
        var accepted = 0;
        var unchanged = 0;
        var picturesPending = false;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (row.Row > limits.MaxImportRows)
            {
                refused.Add(new RefusedRow(row.Row, null, $"an import reads at most {limits.MaxImportRows} rows; this row and the rest were not read"));
                break;
            }

            var (data, reason) = rules.Check(row);
            if (data is null)
            {
                refused.Add(new RefusedRow(row.Row, Bounded(row.Sku), reason!));
                continue;
            }

            if (!firstRowOfSku.TryAdd(data.Sku, row.Row))
            {
                refused.Add(new RefusedRow(row.Row, data.Sku, $"duplicate sku (first on row {firstRowOfSku[data.Sku]})"));
                continue;
            }

            batch.Add(data);
            if (batch.Count == batch.Capacity)
            {
                (var written, picturesPending) = await WriteAsync(userId, catalogId, batch, picturesPending, cancellationToken);
                accepted += batch.Count;
                unchanged += batch.Count - written;
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            (var written, picturesPending) = await WriteAsync(userId, catalogId, batch, picturesPending, cancellationToken);
            accepted += batch.Count;
            unchanged += batch.Count - written;
        }

        logger.LogInformation("Imported catalog {CatalogId}: {Accepted} accepted ({Unchanged} unchanged), {Refused} refused",
            catalogId, accepted, unchanged, refused.Count);
        return new ImportReport(accepted, unchanged, refused, picturesPending);
    }

    private async Task<(int Written, bool PicturesPending)> WriteAsync(
        string userId, string catalogId, IReadOnlyList<ProductData> batch, bool picturesPending, CancellationToken cancellationToken)
    {
        var written = 0;
        await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency, CancellationToken = cancellationToken },
            async (data, token) =>
            {
                var existing = await store.FindProductAsync(userId, catalogId, data.Sku, token);
                var product = Merge(userId, catalogId, existing, data, time.GetUtcNow());
                if (product.PictureFetch?.Status == PictureFetch.Pending)
                {
                    picturesPending = true;
                }

                if (existing is not null && existing.ContentHash == product.ContentHash && existing.PictureFetch == product.PictureFetch)
                {
                    return;
                }

                await store.UpsertProductAsync(product, token);
                Interlocked.Increment(ref written);
            });
        return (written, picturesPending);
    }

    /// <summary>
    /// The product the row makes of the stored one: new data, the pictures kept while they still belong (an upload
    /// always; a fetched copy while the URL is the same), a new URL's fetch pending.
    /// </summary>
    public static Product Merge(string userId, string catalogId, Product? existing, ProductData data, DateTimeOffset now)
    {
        var sameUrl = existing is not null && existing.PictureUrl == data.PictureUrl;
        var pictures = sameUrl ? existing!.Pictures : existing?.Pictures.Where(p => p.Origin == ProductPicture.Uploaded).ToList() ?? [];
        var fetch = data.PictureUrl is null ? null : sameUrl && existing!.PictureFetch is not null
            ? existing.PictureFetch
            : new PictureFetch(PictureFetch.Pending, data.PictureUrl, null, null);
        var product = new Product
        {
            Id = Product.DocumentId(catalogId, data.Sku),
            UserId = userId,
            CatalogId = catalogId,
            Sku = data.Sku,
            Name = data.Name,
            Category = data.Category,
            Price = data.Price,
            Currency = data.Currency,
            SellingPoints = data.SellingPoints,
            PictureUrl = data.PictureUrl,
            Pictures = pictures,
            PictureFetch = fetch,
            Attributes = data.Attributes,
            UpdatedAt = now,
            ContentHash = "",
        };
        var hash = ProductContentHash.Compute(product);
        return existing is not null && existing.ContentHash == hash
            ? product with { ContentHash = hash, UpdatedAt = existing.UpdatedAt }
            : product with { ContentHash = hash };
    }

    private static string? Bounded(string? sku) => string.IsNullOrWhiteSpace(sku) ? null : sku.Length <= 64 ? sku : sku[..64] + "…";
}
