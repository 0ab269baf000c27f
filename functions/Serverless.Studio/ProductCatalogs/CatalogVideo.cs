namespace Serverless.Studio.ProductCatalogs;

/// <summary>
/// One video made for a product of a catalog (Cosmos container <c>catalogVideos</c>, partitioned by <c>/userId</c>,
/// id = <see cref="VideoId"/>). Every render is kept, not only the latest, so ad results of an older video still
/// find their product and template.
/// </summary>
public sealed record CatalogVideo
{
    /// <summary>The document id: the same as <see cref="VideoId"/>.</summary>
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string CatalogId { get; init; }
    public required string Sku { get; init; }
    public required string TemplateId { get; init; }

    /// <summary>The video's public id (its task id), which ad results name.</summary>
    public required string VideoId { get; init; }
    public required string ProjectId { get; init; }

    /// <summary><c>queued</c>, <c>running</c>, <c>completed</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }
    public DateTimeOffset? RenderedAt { get; init; }

    /// <summary>The product's <see cref="Product.ContentHash"/> (with the template's) the video was made from.</summary>
    public required string ContentHash { get; init; }

    /// <summary>The platform preset it was rendered for (part of <see cref="ContentHash"/>), so a refresh renders for the same one.</summary>
    public string? PlatformPreset { get; init; }

    /// <summary>Whether it was rendered as a preview (540 px, 15 fps) rather than the deliverable.</summary>
    public bool Preview { get; init; }

    /// <summary>Where its script came from (<see cref="ScriptDrafts.ScriptSources"/>); null on videos made before scripts had sources (the template).</summary>
    public string? ScriptSource { get; init; }

    /// <summary>The chat model that wrote the script, when one did.</summary>
    public string? ScriptModel { get; init; }

    /// <summary>Why a chat model's script was asked for and the template filled in instead.</summary>
    public string? ScriptReason { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Each product's most recent video (by creation), one per SKU.</summary>
    public static IReadOnlyList<CatalogVideo> LatestPerProduct(IEnumerable<CatalogVideo> videos) =>
        videos.GroupBy(v => v.Sku, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id, StringComparer.Ordinal).First())
            .OrderBy(v => v.Sku, StringComparer.Ordinal)
            .ToList();
}
