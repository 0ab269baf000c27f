using System.Text.Json;
using Serverless.Contracts.Rendering;
using Serverless.Studio.ProductCatalogs;
using Serverless.Studio.ScriptDrafts;
using Serverless.Studio.Storage;

namespace Serverless.Studio.CatalogBatches;

/// <summary>
/// The first script written for a product with a template (blob <c>scripts/{user}/catalogs/{catalog}/{sku hash}/{script
/// hash}.json</c>). A chat model words it differently every time, so the video's content hash covers only its inputs and
/// a product made again from the same inputs (a retry, a failed or cancelled video, a final after its preview) speaks the
/// script it was first given; the first write wins.
/// </summary>
public sealed class ProductScriptStore(AssetStore assets)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ScriptDraft?> FindAsync(string userId, string catalogId, string sku, string scriptHash, CancellationToken cancellationToken = default) =>
        await assets.DownloadVersionAsync(Blob(userId, catalogId, sku, scriptHash), cancellationToken) is { } found
            ? found.Content.ToObjectFromJson<ScriptDraft>(Json)
            : null;

    /// <summary>Keeps <paramref name="draft"/> unless a script is already kept for these inputs; answers the one kept.</summary>
    public async Task<ScriptDraft> KeepFirstAsync(string userId, string catalogId, string sku, string scriptHash, ScriptDraft draft, CancellationToken cancellationToken = default)
    {
        var blob = Blob(userId, catalogId, sku, scriptHash);
        if (await assets.TryUploadAsync(blob, BinaryData.FromObjectAsJson(draft, Json), "application/json", null, cancellationToken) is not null)
        {
            return draft;
        }

        return await FindAsync(userId, catalogId, sku, scriptHash, cancellationToken) ?? draft;
    }

    private static BlobRef Blob(string userId, string catalogId, string sku, string scriptHash) =>
        new(StudioContainers.Scripts, $"{userId}/catalogs/{catalogId}/{ProductContentHash.OfText(sku)[..32]}/{scriptHash}.json");
}
