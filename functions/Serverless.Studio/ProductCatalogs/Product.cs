using Serverless.Contracts.Rendering;

namespace Serverless.Studio.ProductCatalogs;

/// <summary>
/// One product of a catalog (Cosmos container <c>products</c>, partitioned by <c>/userId</c>; the document id is
/// derived from catalog and SKU by <see cref="DocumentId"/>, since a SKU may hold characters Cosmos ids may not).
/// </summary>
public sealed record Product
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string CatalogId { get; init; }
    public required string Sku { get; init; }
    public required string Name { get; init; }
    public string Category { get; init; } = "";

    /// <summary>Null when the shop gave none: templates leave the price out rather than show zero.</summary>
    public decimal? Price { get; init; }

    /// <summary>ISO 4217 code, upper case; empty when there is no price.</summary>
    public string Currency { get; init; } = "";
    public IReadOnlyList<string> SellingPoints { get; init; } = [];

    /// <summary>Where the shop's picture is (https), fetched into <see cref="Pictures"/> after the import.</summary>
    public string? PictureUrl { get; init; }

    /// <summary>Copies of the product's pictures in our storage, uploaded or fetched from <see cref="PictureUrl"/>.</summary>
    public IReadOnlyList<ProductPicture> Pictures { get; init; } = [];

    /// <summary>What became of fetching <see cref="PictureUrl"/>; null when there is no URL.</summary>
    public PictureFetch? PictureFetch { get; init; }
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// <see cref="ProductContentHash"/> of the data and the pictures' bytes: equal hashes mean a video made from one
    /// still shows the other, so nothing needs re-rendering.
    /// </summary>
    public required string ContentHash { get; init; }

    public static string DocumentId(string catalogId, string sku) => $"{catalogId}.{ProductContentHash.OfText(sku)[..32]}";
}

/// <summary>A picture of a product in our blob storage, with the SHA-256 of its bytes (hex).</summary>
public sealed record ProductPicture(BlobRef Blob, string ContentType, long SizeBytes, string Sha256, string Origin)
{
    public const string Uploaded = "upload";
    public const string Fetched = "url";
}

/// <summary>The state of fetching a product's picture URL: <c>pending</c>, <c>fetched</c> or <c>failed</c> (with why).</summary>
public sealed record PictureFetch(string Status, string Url, string? Reason, DateTimeOffset? At)
{
    public const string Pending = "pending";
    public const string Fetched = "fetched";
    public const string Failed = "failed";
}
