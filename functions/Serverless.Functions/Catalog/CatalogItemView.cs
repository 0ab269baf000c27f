using Serverless.Studio.Catalog;

namespace Serverless.Functions.Catalog;

/// <summary>A background music track or sound effect as listed.</summary>
public sealed record CatalogItemView(
    string Id, string Name, string Category, string? Blob, long? SizeBytes, string? ContentType, double? DurationSeconds, double? LoudnessLufs, DateTimeOffset IndexedAt)
{
    public static CatalogItemView Of(CatalogEntry e) =>
        new(e.Id, e.Name, e.Category, e.Blob, e.SizeBytes, e.ContentType, e.DurationSeconds, e.LoudnessLufs, e.IndexedAt);
}
