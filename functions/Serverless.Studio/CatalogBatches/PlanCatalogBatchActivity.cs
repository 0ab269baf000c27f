using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Serverless.Studio.ProductCatalogs;
using Serverless.Studio.VideoTemplates;

namespace Serverless.Studio.CatalogBatches;

/// <summary>
/// Which products of the catalog a batch renders: those the filter selects whose latest video was made from other
/// content (data, pictures, template version, preset) or failed. A product whose latest video is current is left alone.
/// </summary>
public sealed class PlanCatalogBatchActivity(
    ProductCatalogStore catalogs, CatalogVideoStore videos, VideoTemplateStore templates, IOptions<CatalogBatchOptions> options)
    : TaskActivity<CatalogBatchRequest, CatalogBatchPlan>
{
    public override async Task<CatalogBatchPlan> RunAsync(TaskActivityContext context, CatalogBatchRequest input)
    {
        if (await catalogs.FindAsync(input.UserId, input.CatalogId) is null)
        {
            return new CatalogBatchPlan([], 0, 0, 0, $"Catalog '{input.CatalogId}' no longer exists.");
        }

        var latest = CatalogVideo.LatestPerProduct(await videos.ListByCatalogAsync(input.UserId, input.CatalogId))
            .ToDictionary(v => v.Sku, StringComparer.Ordinal);
        var skus = input.Skus is { Count: > 0 } wanted ? wanted.ToHashSet(StringComparer.Ordinal) : null;
        var found = new Dictionary<string, VideoTemplate?>(StringComparer.Ordinal);
        var plans = new List<ProductVideoPlan>();
        var (upToDate, noTemplate) = (0, 0);
        await foreach (var product in catalogs.ListAllProductsAsync(input.UserId, input.CatalogId))
        {
            if ((skus is not null && !skus.Contains(product.Sku))
                || (input.Category is { Length: > 0 } category && !string.Equals(product.Category, category, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var last = latest.GetValueOrDefault(product.Sku);
            var templateId = input.TemplateId ?? last?.TemplateId;
            if (templateId is null)
            {
                noTemplate++;
                continue;
            }

            if (!found.TryGetValue(templateId, out var template))
            {
                found[templateId] = template = await templates.FindAsync(input.UserId, templateId);
            }

            if (template is null)
            {
                noTemplate++;
                continue;
            }

            var preset = input.PlatformPreset ?? (input.TemplateId is null ? last?.PlatformPreset : null) ?? template.PlatformPreset;
            var preview = input.Refresh && input.TemplateId is null && last is not null ? last.Preview : input.Preview;
            var source = input.ScriptSource ?? template.ScriptSource ?? ScriptDrafts.ScriptSources.Template;
            var hash = ProductVideoIds.VideoHash(product, template, preset, preview, source);
            if (last is not null && last.ContentHash == hash && last.Status is not (CatalogVideoStatuses.Failed or CatalogVideoStatuses.Cancelled))
            {
                upToDate++;
                continue;
            }

            plans.Add(new ProductVideoPlan(product.Sku, template.Id, preset, preview, hash, source));
        }

        var max = options.Value.MaxProductsPerBatch;
        var ordered = plans.OrderBy(p => p.Sku, StringComparer.Ordinal).ToList();
        return new CatalogBatchPlan(ordered.Take(max).ToList(), upToDate, noTemplate, Math.Max(0, ordered.Count - max));
    }
}
