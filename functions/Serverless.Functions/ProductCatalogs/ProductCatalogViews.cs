using Serverless.Studio.ProductCatalogs;

namespace Serverless.Functions.ProductCatalogs;

/// <summary>A catalog to create: its name, locale and optionally an HTTPS feed the scheduled refresh re-reads.</summary>
public sealed record ProductCatalogRequest(string? Name, string? Locale, string? FeedUrl, string? FeedFormat)
{
    public ProductCatalogDraft ToDraft() => new(Name, Locale, FeedUrl, FeedFormat);
}

/// <summary>A catalog's configured source as its owner sees it.</summary>
public sealed record CatalogSourceView(string Format, string? FeedUrl, bool UploadedFile, DateTimeOffset? CheckedAt, string? Error);

public sealed record ProductCatalogView(string Id, string Name, string? Locale, CatalogSourceView? Source, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ProductCatalogView Of(ProductCatalog c) => new(c.Id, c.Name, c.Locale,
        c.Source is { } s ? new CatalogSourceView(s.Format, s.Url, s.Blob is not null, s.CheckedAt, s.Error) : null, c.CreatedAt, c.UpdatedAt);
}

/// <summary>One product, the fields of an import row (and attributes).</summary>
public sealed record ProductRequest(
    string? Sku, string? Name, string? Category, decimal? Price, string? Currency, IReadOnlyList<string>? SellingPoints, string? PictureUrl,
    IReadOnlyDictionary<string, string>? Attributes)
{
    public ProductRow ToRow(string? sku) => new(1, sku ?? Sku, Name, Category,
        Price?.ToString(System.Globalization.CultureInfo.InvariantCulture), Currency,
        SellingPoints is null ? null : string.Join('|', SellingPoints), PictureUrl, Attributes);
}

public sealed record ProductPictureView(string ContentType, long SizeBytes, string Sha256, string Origin);

public sealed record PictureFetchView(string Status, string Url, string? Reason, DateTimeOffset? At);

public sealed record ProductView(
    string Sku, string Name, string Category, decimal? Price, string Currency, IReadOnlyList<string> SellingPoints, string? PictureUrl,
    IReadOnlyList<ProductPictureView> Pictures, PictureFetchView? PictureFetch, IReadOnlyDictionary<string, string> Attributes,
    DateTimeOffset UpdatedAt, string ContentHash)
{
    public static ProductView Of(Product p) => new(p.Sku, p.Name, p.Category, p.Price, p.Currency, p.SellingPoints, p.PictureUrl,
        p.Pictures.Select(x => new ProductPictureView(x.ContentType, x.SizeBytes, x.Sha256, x.Origin)).ToList(),
        p.PictureFetch is { } f ? new PictureFetchView(f.Status, f.Url, f.Reason, f.At) : null, p.Attributes, p.UpdatedAt, p.ContentHash);
}

/// <summary>A page of products and the continuation to ask for the next (null after the last).</summary>
public sealed record ProductPage(IReadOnlyList<ProductView> Items, string? Continuation);

public sealed record RefusedRowView(int Row, string? Sku, string Reason);

/// <summary>What an import did: rows accepted (of them unchanged) and rows refused, with their 1-based data row.</summary>
public sealed record ImportReportView(int Accepted, int Unchanged, IReadOnlyList<RefusedRowView> Refused, bool PicturesPending)
{
    public static ImportReportView Of(ImportReport r) =>
        new(r.Accepted, r.Unchanged, r.Refused.Select(x => new RefusedRowView(x.Row, x.Sku, x.Reason)).ToList(), r.PicturesPending);
}

public sealed record ProductCatalogDeleted(string Id, bool Deleted);
