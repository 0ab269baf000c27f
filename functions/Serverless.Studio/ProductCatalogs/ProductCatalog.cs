using Serverless.Contracts.Rendering;

namespace Serverless.Studio.ProductCatalogs;

/// <summary>A shop's product catalog (Cosmos container <c>productCatalogs</c>, partitioned by <c>/userId</c>).</summary>
public sealed record ProductCatalog
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string Name { get; init; }

    /// <summary>The catalog's language (BCP 47, e.g. <c>zh-CN</c>), which templates format prices and text for.</summary>
    public string? Locale { get; init; }

    /// <summary>Where the scheduled refresh re-reads the catalog from; null when products only come by import or CRUD.</summary>
    public CatalogSource? Source { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>
/// A catalog's configured source: either a file the user uploaded to our storage (<see cref="Blob"/>) or an HTTPS
/// feed (<see cref="Url"/>), in <see cref="Format"/> (<c>csv</c> or <c>json</c>). The version last read is kept so the
/// refresh reads nothing when the source has not changed.
/// </summary>
public sealed record CatalogSource
{
    public required string Format { get; init; }
    public BlobRef? Blob { get; init; }
    public string? Url { get; init; }

    /// <summary>The ETag of the version last imported (blob ETag, or the feed's <c>ETag</c> header).</summary>
    public string? ETag { get; init; }

    /// <summary>The feed's <c>Last-Modified</c> of the version last imported, for <c>If-Modified-Since</c>.</summary>
    public DateTimeOffset? LastModified { get; init; }
    public DateTimeOffset? CheckedAt { get; init; }

    /// <summary>Why the last read failed (for the owner), or null when it succeeded.</summary>
    public string? Error { get; init; }
}
