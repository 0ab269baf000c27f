namespace Serverless.Studio.ProductCatalogs;

/// <summary>
/// One day of one video's ads on one platform (Cosmos container <c>adResults</c>, partitioned by <c>/userId</c>).
/// The id is made of catalog, platform, date and video, so importing the same day again replaces it.
/// </summary>
public sealed record AdResult
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string CatalogId { get; init; }
    public required string Platform { get; init; }
    public required DateOnly Date { get; init; }
    public required string VideoId { get; init; }
    public required decimal Spend { get; init; }
    public required decimal Gmv { get; init; }
    public required long Impressions { get; init; }
    public required long Clicks { get; init; }
    public required long Conversions { get; init; }
    public required DateTimeOffset ImportedAt { get; init; }

    public static string DocumentId(string catalogId, string platform, DateOnly date, string videoId) =>
        $"{catalogId}.{ProductContentHash.OfText($"{platform}\n{date:yyyy-MM-dd}\n{videoId}")[..32]}";
}
