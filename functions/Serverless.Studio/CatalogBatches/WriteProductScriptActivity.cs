using Microsoft.DurableTask;
using Serverless.Studio.ProductCatalogs;
using Serverless.Studio.Providers.Usage;
using Serverless.Studio.ScriptDrafts;
using Serverless.Studio.VideoTemplates;

namespace Serverless.Studio.CatalogBatches;

/// <summary>
/// Writes one product's script before its first attempt, once per product, template version, preset and source: a chat
/// model's script (billed to the batch's task on the ledger) is kept (<see cref="ProductScriptStore"/>), so a retry,
/// a replay or a later batch for the same inputs speaks it again instead of asking the model anew. A template fill is
/// deterministic and not kept. Answers the source used; <see cref="StartProductVideoActivity"/> reads the script.
/// </summary>
public sealed class WriteProductScriptActivity(
    ProductCatalogStore catalogs, VideoTemplateStore templates, ProductScriptStore scripts, ScriptWriter writer) : TaskActivity<WriteProductScriptInput, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, WriteProductScriptInput input)
    {
        var (batch, plan) = (input.Batch, input.Product);
        if (plan.ScriptSource != ScriptSources.Llm)
        {
            return ScriptSources.Template;
        }

        // A product or template gone since the plan: the start refuses it with its reason.
        if (await catalogs.FindProductAsync(batch.UserId, batch.CatalogId, plan.Sku) is not { } product
            || await templates.FindAsync(batch.UserId, plan.TemplateId) is not { } template)
        {
            return ScriptSources.Template;
        }

        var hash = ProductVideoIds.ScriptHash(product, template, plan.PlatformPreset, plan.ScriptSource);
        if (await scripts.FindAsync(batch.UserId, batch.CatalogId, plan.Sku, hash) is { } kept)
        {
            return kept.Source;
        }

        var draft = await writer.WriteAsync(
            new ScriptBrief(template, product, null, plan.PlatformPreset), plan.ScriptSource, llmRequired: false,
            new BilledCall(batch.UserId, null, batch.TaskId, $"script:{hash[..16]}"));
        return (await scripts.KeepFirstAsync(batch.UserId, batch.CatalogId, plan.Sku, hash, draft)).Source;
    }
}
