using Serverless.Studio.ProductCatalogs;
using Serverless.Studio.VideoTemplates;

namespace Serverless.Studio.CatalogBatches;

/// <summary>
/// The ids of one product video, derived from what it is made of: the same product data, pictures, template version and
/// preset give the same project and task (the orchestration's instance id), so a batch resumed after a crash, or run
/// twice, finds the video it already started instead of rendering the product again. A retry is another attempt, with ids
/// of its own.
/// </summary>
public sealed record ProductVideoIds(string ProjectId, string TaskId)
{
    public static ProductVideoIds For(string userId, string catalogId, string sku, string videoHash, int attempt)
    {
        var digest = ProductContentHash.OfText($"{userId}\n{catalogId}\n{sku}\n{videoHash}\n{attempt}");
        return new ProductVideoIds($"prj_{digest[..16]}", $"tsk_{digest[..16]}_{digest[16..28]}");
    }

    /// <summary>
    /// The content hash a <see cref="CatalogVideo"/> records: the product's (data and pictures), the template's id and
    /// version, how it is rendered and, for a chat model's script, that it is one (the model's wording is not hashed: the
    /// same inputs keep their first script, <see cref="ProductScriptStore"/>). A refresh renders a product again exactly
    /// when this changes.
    /// </summary>
    public static string VideoHash(Product product, VideoTemplate template, string? platformPreset, bool preview, string? scriptSource = null) =>
        ProductContentHash.OfText($"{product.ContentHash}\n{template.Id}@{template.Version}\n{platformPreset}\n{(preview ? "preview" : "final")}{Source(scriptSource)}");

    /// <summary>What a product's script is written from: the product, the template version, the preset (its length) and the source; not the render mode, so a final speaks its preview's script.</summary>
    public static string ScriptHash(Product product, VideoTemplate template, string? platformPreset, string? scriptSource) =>
        ProductContentHash.OfText($"script\n{product.ContentHash}\n{template.Id}@{template.Version}\n{platformPreset}{Source(scriptSource)}");

    // A template fill leaves the hash as it was before scripts had sources, so existing videos stay current.
    private static string Source(string? scriptSource) => scriptSource == ScriptDrafts.ScriptSources.Llm ? "\nllm" : "";

    /// <summary>The project a batch's own task is filed under: one per catalog (tasks live in project partitions).</summary>
    public static string BatchProjectId(string userId, string catalogId) =>
        $"prj_{ProductContentHash.OfText($"catalog-batch\n{userId}\n{catalogId}")[..16]}";
}
