using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Projects;
using Serverless.Studio.Storage;
using Serverless.Studio.Webhooks;

namespace Serverless.Studio.ProductCatalogs;

/// <summary>
/// Product pictures in our storage: uploaded by the owner, or fetched from the product's picture URL through the
/// outbound guard (public addresses only, checked on the address dialled). Either way the type is told from the
/// bytes (PNG, JPEG, WebP) and the size is bounded. A picture that cannot be fetched marks the product's
/// <see cref="PictureFetch"/> failed with the reason; it never fails anything else.
/// </summary>
public sealed class ProductPictures : IDisposable
{
    private readonly ProductCatalogStore _store;
    private readonly AssetStore _blobs;
    private readonly IOptions<ProductCatalogOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ProductPictures> _logger;
    private readonly HttpClient _http;

    public ProductPictures(
        ProductCatalogStore store, AssetStore blobs, OutboundAddressGuard guard, IOptions<ProductCatalogOptions> options, TimeProvider time, ILogger<ProductPictures> logger)
    {
        _store = store;
        _blobs = blobs;
        _options = options;
        _time = time;
        _logger = logger;
        _http = new HttpClient(guard.CreateHandler()) { Timeout = options.Value.PictureFetchTimeout };
    }

    /// <summary>Stores an uploaded picture as the product's own (replacing an earlier upload) and answers the product.</summary>
    public async Task<Outcome<Product>> UploadAsync(string userId, string catalogId, string sku, Stream body, CancellationToken cancellationToken)
    {
        var product = await _store.FindProductAsync(userId, catalogId, sku, cancellationToken);
        if (product is null)
        {
            return Outcome<Product>.NotFound();
        }

        var (bytes, tooLarge) = await ReadBoundedAsync(body, cancellationToken);
        if (tooLarge)
        {
            return Outcome<Product>.Invalid("body", $"a picture of at most {_options.Value.MaxPictureBytes} bytes");
        }

        if (PictureFormat.Sniff(bytes) is not { } contentType)
        {
            return Outcome<Product>.Invalid("body", "a PNG, JPEG or WebP image");
        }

        var picture = await StoreAsync(product, bytes, contentType, ProductPicture.Uploaded, cancellationToken);
        var updated = WithPictures(product, [picture, .. product.Pictures.Where(p => p.Origin != ProductPicture.Uploaded)], product.PictureFetch);
        await _store.UpsertProductAsync(updated, cancellationToken);
        return Outcome<Product>.Ok(updated);
    }

    /// <summary>Fetches every picture of the catalog still pending, a bounded number at a time; answers how many were tried.</summary>
    public async Task<int> FetchPendingAsync(string userId, string catalogId, CancellationToken cancellationToken)
    {
        var tried = 0;
        var pending = _store.ListAllProductsAsync(userId, catalogId, cancellationToken)
            .Where(p => p.PictureFetch?.Status == PictureFetch.Pending);
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = _options.Value.Concurrency, CancellationToken = cancellationToken },
            async (product, token) =>
            {
                await FetchAsync(product, token);
                Interlocked.Increment(ref tried);
            });
        return tried;
    }

    /// <summary>Fetches the product's picture URL into our storage, or marks why it could not be.</summary>
    public async Task<Product> FetchAsync(Product product, CancellationToken cancellationToken)
    {
        var url = product.PictureUrl!;
        var (bytes, contentType, failure) = await DownloadAsync(url, cancellationToken);
        // Read again: an import or edit may have changed the product while the picture was on its way.
        var current = await _store.FindProductAsync(product.UserId, product.CatalogId, product.Sku, cancellationToken);
        if (current is null || current.PictureUrl != url)
        {
            return current ?? product;
        }

        Product updated;
        if (failure is not null)
        {
            _logger.LogInformation("Picture of product {Sku} in catalog {CatalogId} not fetched: {Reason}", product.Sku, product.CatalogId, failure);
            updated = WithPictures(current, current.Pictures.Where(p => p.Origin == ProductPicture.Uploaded).ToList(),
                new PictureFetch(PictureFetch.Failed, url, failure, _time.GetUtcNow()));
        }
        else
        {
            var picture = await StoreAsync(current, bytes!, contentType!, ProductPicture.Fetched, cancellationToken);
            updated = WithPictures(current, [.. current.Pictures.Where(p => p.Origin == ProductPicture.Uploaded), picture],
                new PictureFetch(PictureFetch.Fetched, url, null, _time.GetUtcNow()));
        }

        await _store.UpsertProductAsync(updated, cancellationToken);
        return updated;
    }

    public void Dispose() => _http.Dispose();

    private async Task<(byte[]? Bytes, string? ContentType, string? Failure)> DownloadAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return (null, null, $"the server answered {(int)response.StatusCode} (redirects are not followed)");
            }

            if (response.Content.Headers.ContentLength > _options.Value.MaxPictureBytes)
            {
                return (null, null, $"the picture is larger than {_options.Value.MaxPictureBytes} bytes");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var (bytes, tooLarge) = await ReadBoundedAsync(body, cancellationToken);
            if (tooLarge)
            {
                return (null, null, $"the picture is larger than {_options.Value.MaxPictureBytes} bytes");
            }

            return PictureFormat.Sniff(bytes) is { } contentType
                ? (bytes, contentType, null)
                : (null, null, "not a PNG, JPEG or WebP image");
        }
        catch (HttpRequestException e) when (OutboundAddressGuard.RefusalIn(e) is not null)
        {
            return (null, null, $"the host is {OutboundAddressGuard.NotPublic}");
        }
        catch (HttpRequestException e)
        {
            return (null, null, e.HttpRequestError == HttpRequestError.NameResolutionError ? "the host does not resolve" : "the server could not be reached");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, null, $"no answer within {_options.Value.PictureFetchTimeout.TotalSeconds:0} s");
        }
    }

    private async Task<(byte[] Bytes, bool TooLarge)> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        var max = _options.Value.MaxPictureBytes;
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (copy.Length + read > max)
            {
                return ([], true);
            }

            copy.Write(buffer, 0, read);
        }

        return (copy.ToArray(), false);
    }

    private async Task<ProductPicture> StoreAsync(Product product, byte[] bytes, string contentType, string origin, CancellationToken cancellationToken)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var blob = new BlobRef(StudioContainers.Assets,
            $"{product.UserId}/catalogs/{product.CatalogId}/{product.Id[(product.CatalogId.Length + 1)..]}/{sha[..32]}.{PictureFormat.Extension(contentType)}");
        await _blobs.UploadAsync(blob, BinaryData.FromBytes(bytes), contentType, cancellationToken);
        return new ProductPicture(blob, contentType, bytes.LongLength, sha, origin);
    }

    private Product WithPictures(Product product, IReadOnlyList<ProductPicture> pictures, PictureFetch? fetch)
    {
        var updated = product with { Pictures = pictures, PictureFetch = fetch };
        var hash = ProductContentHash.Compute(updated);
        // The hash (and the time of the change) moves only when the pictures' bytes did.
        return hash == product.ContentHash ? updated : updated with { ContentHash = hash, UpdatedAt = _time.GetUtcNow() };
    }
}
