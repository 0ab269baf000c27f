using System.Security.Cryptography;
using Serverless.Contracts.Rendering;
using Serverless.Studio.ProductCatalogs;
using Serverless.Studio.Projects;
using Serverless.Studio.Providers.Usage;
using Serverless.Studio.VideoTemplates;

namespace Serverless.Studio.ScriptDrafts;

/// <summary>What <c>POST /api/v1/scripts/draft</c> asks for: a free topic or a product of one of the caller's catalogs.</summary>
public sealed record ScriptDraftRequest(string? Topic, ProductReference? Product, string? TemplateId, string? PlatformPreset, string? ScriptSource);

public sealed record ProductReference(string? CatalogId, string? Sku);

/// <summary>
/// Drafts a script without making a video: <c>script_source</c> <c>llm</c> insists on a chat model (none: 409 30006),
/// <c>template</c> only fills the template, and none asks a model when there is one and fills the template when not.
/// Each chat call is on the caller's ledger under the draft's own id.
/// </summary>
public sealed class ScriptDraftService(VideoTemplateStore templates, ProductCatalogStore catalogs, ScriptWriter writer)
{
    public const int MaxTopicLength = 500;
    public const int MaxIdLength = 200;

    public async Task<Outcome<ScriptDraft>> DraftAsync(string userId, ScriptDraftRequest request, CancellationToken cancellationToken = default)
    {
        if (Check(request) is { } invalid)
        {
            return invalid;
        }

        if (await templates.FindAsync(userId, request.TemplateId!, cancellationToken) is not { } template)
        {
            return Outcome<ScriptDraft>.Invalid("template_id", $"no template '{request.TemplateId}' (GET /api/v1/templates)");
        }

        Product? product = null;
        if (request.Product is { } reference
            && (product = await catalogs.FindProductAsync(userId, reference.CatalogId!, reference.Sku!, cancellationToken)) is null)
        {
            return Outcome<ScriptDraft>.Invalid("product", $"no product '{reference.Sku}' in catalog '{reference.CatalogId}'");
        }

        var source = ScriptSources.Find(request.ScriptSource) ?? ScriptSources.Llm;
        var brief = new ScriptBrief(template, product, request.Topic?.Trim(), PlatformPresets.Find(request.PlatformPreset)?.Name);
        var draftId = "drf_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var draft = await writer.WriteAsync(brief, source, llmRequired: request.ScriptSource is not null && source == ScriptSources.Llm,
            new BilledCall(userId, null, draftId, "script"), cancellationToken);
        return Outcome<ScriptDraft>.Ok(draft);
    }

    private static Outcome<ScriptDraft>? Check(ScriptDraftRequest request)
    {
        if ((request.Topic is null) == (request.Product is null))
        {
            return Outcome<ScriptDraft>.Invalid("body", "exactly one of topic and product");
        }

        if (request.Topic is { } topic && (string.IsNullOrWhiteSpace(topic) || topic.Length > MaxTopicLength))
        {
            return Outcome<ScriptDraft>.Invalid("topic", $"1 to {MaxTopicLength} characters");
        }

        if (request.Product is { } product
            && (string.IsNullOrWhiteSpace(product.CatalogId) || product.CatalogId.Length > MaxIdLength || string.IsNullOrWhiteSpace(product.Sku) || product.Sku.Length > MaxIdLength))
        {
            return Outcome<ScriptDraft>.Invalid("product", $"catalog_id and sku, each 1 to {MaxIdLength} characters");
        }

        if (string.IsNullOrWhiteSpace(request.TemplateId) || request.TemplateId.Length > MaxIdLength)
        {
            return Outcome<ScriptDraft>.Invalid("template_id", $"required, at most {MaxIdLength} characters");
        }

        if (request.PlatformPreset is not null && PlatformPresets.Find(request.PlatformPreset) is null)
        {
            return Outcome<ScriptDraft>.Invalid("platform_preset", $"one of {string.Join(", ", PlatformPresets.Names)}");
        }

        if (request.ScriptSource is not null && ScriptSources.Find(request.ScriptSource) is null)
        {
            return Outcome<ScriptDraft>.Invalid("script_source", $"one of {string.Join(", ", ScriptSources.All)}");
        }

        return null;
    }
}
