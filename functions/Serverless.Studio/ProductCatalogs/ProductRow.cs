namespace Serverless.Studio.ProductCatalogs;

/// <summary>
/// One product as a file gave it, before any check: CSV cells or JSON values as text (a JSON array of selling
/// points comes joined with <c>|</c>). <see cref="Row"/> is the 1-based data row (the CSV header not counted).
/// <see cref="Unreadable"/> says why the row could not be read at all.
/// </summary>
public sealed record ProductRow(
    int Row, string? Sku, string? Name, string? Category, string? Price, string? Currency, string? SellingPoints, string? PictureUrl,
    IReadOnlyDictionary<string, string>? Attributes = null, string? Unreadable = null);
