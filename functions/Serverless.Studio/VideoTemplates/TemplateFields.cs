namespace Serverless.Studio.VideoTemplates;

/// <summary>
/// What a template may say about a product. <see cref="Price"/> is null when the product has none (a template says
/// something else under <c>{{#if price}}</c>); <see cref="Currency"/> is an ISO 4217 code.
/// </summary>
public sealed record TemplateFields(
    string Name,
    string Sku,
    string? Category,
    decimal? Price,
    string? Currency,
    IReadOnlyList<string> SellingPoints,
    IReadOnlyDictionary<string, string> Attributes);
