using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Storage;
using Serverless.Studio.Webhooks;

namespace Serverless.Studio.ProductCatalogs;

/// <summary>What one catalog's refresh did: whether its source had changed, the import's report, or why it failed.</summary>
public sealed record SourceRefreshResult(string CatalogId, bool Changed, ImportReport? Report, string? Error);

/// <summary>
/// Re-reads catalogs' configured sources and upserts their products: an uploaded file when its blob has a newer
/// version (by ETag), an HTTPS feed through the outbound guard when it answers other than 304 to
/// <c>If-None-Match</c>/<c>If-Modified-Since</c>. Unchanged products keep their content hash, so nothing is rendered
/// again for them; products missing from the new version are kept (a feed may list only what changed). Afterwards
/// the catalog's pending pictures are fetched.
/// </summary>
public sealed class CatalogSourceRefresh : IDisposable
{
    private const string UserAgent = "ServerlessStudio-CatalogRefresh/1";

    private readonly ProductCatalogStore _store;
    private readonly ProductImport _import;
    private readonly ProductPictures _pictures;
    private readonly AssetStore _blobs;
    private readonly IOptions<ProductCatalogOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<CatalogSourceRefresh> _logger;
    private readonly HttpClient _http;

    public CatalogSourceRefresh(
        ProductCatalogStore store, ProductImport import, ProductPictures pictures, AssetStore blobs, OutboundAddressGuard guard,
        IOptions<ProductCatalogOptions> options, TimeProvider time, ILogger<CatalogSourceRefresh> logger)
    {
        _store = store;
        _import = import;
        _pictures = pictures;
        _blobs = blobs;
        _options = options;
        _time = time;
        _logger = logger;
        _http = new HttpClient(guard.CreateHandler()) { Timeout = TimeSpan.FromMinutes(2) };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }

    /// <summary>Where an uploaded source file of a catalog is kept (one per catalog, in the owner's folder).</summary>
    public static BlobRef SourceBlob(string userId, string catalogId, string format) =>
        new(StudioContainers.Assets, $"{userId}/catalogs/{catalogId}/source.{format}");

    /// <summary>Refreshes every catalog that has a source, one at a time; one failing catalog does not stop the rest.</summary>
    public async Task<IReadOnlyList<SourceRefreshResult>> RefreshAllAsync(CancellationToken cancellationToken)
    {
        var results = new List<SourceRefreshResult>();
        foreach (var entry in await _store.ListSourcesAsync(cancellationToken))
        {
            results.Add(await RefreshAsync(entry.UserId, entry.Id, cancellationToken));
        }

        return results;
    }

    public async Task<SourceRefreshResult> RefreshAsync(string userId, string catalogId, CancellationToken cancellationToken)
    {
        var catalog = await _store.FindAsync(userId, catalogId, cancellationToken);
        if (catalog?.Source is not { } source)
        {
            return new SourceRefreshResult(catalogId, false, null, null);
        }

        SourceRefreshResult result;
        CatalogSource checkedSource;
        try
        {
            (result, checkedSource) = source.Blob is { } blob
                ? await FromBlobAsync(userId, catalogId, source, blob, cancellationToken)
                : await FromFeedAsync(userId, catalogId, source, cancellationToken);
        }
        catch (Exception e) when (e is ImportFileException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var reason = e switch
            {
                ImportFileException => e.Message,
                _ when OutboundAddressGuard.RefusalIn(e) is not null => $"the feed's host is {OutboundAddressGuard.NotPublic}",
                HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "the feed's host does not resolve",
                HttpRequestException => "the feed could not be reached",
                _ => "the feed did not answer in time",
            };
            _logger.LogWarning("Refresh of catalog {CatalogId} failed: {Reason}", catalogId, reason);
            (result, checkedSource) = (new SourceRefreshResult(catalogId, false, null, reason), source with { Error = reason });
        }

        // Written to the catalog as it is now: an edit made while the source was read is kept.
        var current = await _store.FindAsync(userId, catalogId, cancellationToken);
        if (current?.Source is not null)
        {
            await _store.UpsertAsync(current with { Source = checkedSource with { CheckedAt = _time.GetUtcNow() } }, cancellationToken);
        }

        if (result.Report?.PicturesPending == true)
        {
            await _pictures.FetchPendingAsync(userId, catalogId, cancellationToken);
        }

        return result;
    }

    public void Dispose() => _http.Dispose();

    private async Task<(SourceRefreshResult, CatalogSource)> FromBlobAsync(string userId, string catalogId, CatalogSource source, BlobRef blob, CancellationToken cancellationToken)
    {
        if (await _blobs.OpenReadIfChangedAsync(blob, source.ETag, cancellationToken) is not { } read)
        {
            return (new SourceRefreshResult(catalogId, false, null, null), source with { Error = null });
        }

        await using var content = new BoundedReadStream(read.Content, _options.Value.MaxSourceBytes);
        var report = await ImportAsync(userId, catalogId, source.Format, content, cancellationToken);
        return (new SourceRefreshResult(catalogId, true, report, null), source with { ETag = read.ETag.ToString(), Error = null });
    }

    private async Task<(SourceRefreshResult, CatalogSource)> FromFeedAsync(string userId, string catalogId, CatalogSource source, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, source.Url);
        if (source.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (source.LastModified is { } modified)
        {
            request.Headers.IfModifiedSince = modified;
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return (new SourceRefreshResult(catalogId, false, null, null), source with { Error = null });
        }

        if (!response.IsSuccessStatusCode)
        {
            var reason = $"the feed answered {(int)response.StatusCode} (redirects are not followed)";
            return (new SourceRefreshResult(catalogId, false, null, reason), source with { Error = reason });
        }

        if (response.Content.Headers.ContentLength > _options.Value.MaxSourceBytes)
        {
            throw new ImportFileException($"the source is larger than {_options.Value.MaxSourceBytes} bytes");
        }

        await using var content = new BoundedReadStream(await response.Content.ReadAsStreamAsync(cancellationToken), _options.Value.MaxSourceBytes);
        var report = await ImportAsync(userId, catalogId, source.Format, content, cancellationToken);
        return (new SourceRefreshResult(catalogId, true, report, null),
            source with { ETag = response.Headers.ETag?.ToString(), LastModified = response.Content.Headers.LastModified, Error = null });
    }

    private Task<ImportReport> ImportAsync(string userId, string catalogId, string format, Stream content, CancellationToken cancellationToken) =>
        _import.ImportAsync(userId, catalogId, ProductFileReader.ReadAsync(format, content, _options.Value.MaxRowChars, cancellationToken), cancellationToken);
}
