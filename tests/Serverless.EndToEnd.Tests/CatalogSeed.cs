using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Serverless.Contracts.Rendering;
using Serverless.Studio.ProductCatalogs;
using Serverless.Studio.Storage;
using SkiaSharp;

namespace Serverless.EndToEnd.Tests;

/// <summary>A product to seed; <see cref="Picture"/> gives it an uploaded photo.</summary>
public sealed record SeedProduct(string Sku, string Name, decimal? Price, string Currency, bool Picture);

/// <summary>
/// Catalogs written straight into a run's Cosmos database (and product photos into Azurite) as an import leaves them,
/// for the end-to-end tests and the batch benchmark. Shared by link, as the studio web tests share the stack's files.
/// </summary>
public static class CatalogSeed
{
    /// <summary>The local emulator's database of a run, as the app started with <c>Cosmos__Database</c> reads it.</summary>
    public static StudioDatabase OpenDatabase(string database)
    {
        var options = new CosmosOptions
        {
            Endpoint = new Uri("https://127.0.0.1:8081/"),
            // The emulator's well-known key (appsettings.Development.json): it accepts any.
            Key = "Y29zbW9zZGItc2VydmVyIGFjY2VwdHMgYW55IGtleTsgdGhpcyBvbmUgaXMgbm90IGEgc2VjcmV0",
            AcceptLocalEmulatorCertificate = true,
            Database = database,
        };
        return new StudioDatabase(StudioDatabase.CreateClient(options), Microsoft.Extensions.Options.Options.Create(options));
    }

    /// <returns>The new catalog's id.</returns>
    public static async Task<string> CreateAsync(StudioDatabase database, string storageConnection, string userId, IReadOnlyList<SeedProduct> products)
    {
        var catalogs = new ProductCatalogStore(database);
        var now = DateTimeOffset.UtcNow;
        var catalogId = "cat_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        await catalogs.CreateAsync(new ProductCatalog { Id = catalogId, UserId = userId, Name = "seeded", CreatedAt = now, UpdatedAt = now });
        ProductPicture? photo = null;
        foreach (var seed in products)
        {
            if (seed.Picture)
            {
                photo ??= await UploadPhotoAsync(storageConnection, $"{userId}/catalogs/{catalogId}/photo.png");
            }

            var product = new Product
            {
                Id = Product.DocumentId(catalogId, seed.Sku),
                UserId = userId,
                CatalogId = catalogId,
                Sku = seed.Sku,
                Name = seed.Name,
                Price = seed.Price,
                Currency = seed.Currency,
                SellingPoints = ["light", "strong"],
                Pictures = seed.Picture ? [photo!] : [],
                UpdatedAt = now,
                ContentHash = "",
            };
            await catalogs.UpsertProductAsync(product with { ContentHash = ProductContentHash.Compute(product) });
        }

        return catalogId;
    }

    /// <summary>A new price, with the content hash the catalog keeps current.</summary>
    public static async Task ChangePriceAsync(StudioDatabase database, string userId, string catalogId, string sku, decimal price)
    {
        var catalogs = new ProductCatalogStore(database);
        var product = (await catalogs.FindProductAsync(userId, catalogId, sku))! with { Price = price };
        await catalogs.UpsertProductAsync(product with { ContentHash = ProductContentHash.Compute(product) });
    }

    /// <summary>A portrait product photo (PNG) in the assets container.</summary>
    private static async Task<ProductPicture> UploadPhotoAsync(string storageConnection, string path)
    {
        using var bitmap = new SKBitmap(720, 1280);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(30, 120, 200));
            using var paint = new SKPaint { Color = SKColors.Orange };
            canvas.DrawCircle(360, 640, 250, paint);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 90);
        var bytes = data.ToArray();
        var blob = new BlobRef(StudioContainers.Assets, path);
        var container = new BlobServiceClient(storageConnection).GetBlobContainerClient(blob.Container);
        await container.GetBlobClient(blob.Path).UploadAsync(new BinaryData(bytes), overwrite: true);
        return new ProductPicture(blob, "image/png", bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)), ProductPicture.Uploaded);
    }
}
