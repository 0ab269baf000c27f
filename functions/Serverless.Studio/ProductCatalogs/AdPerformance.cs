namespace Serverless.Studio.ProductCatalogs;

/// <summary>
/// Ad figures summed over some videos' results, with the ratios that tell which template sells: CTR (clicks per
/// impression), conversion rate (conversions per click) and ROAS (GMV per unit of spend). A ratio whose denominator
/// is zero is null rather than zero or infinity. <see cref="Videos"/> is how many videos the figures come from.
/// </summary>
public sealed record AdFigures(
    int Videos, decimal Spend, decimal Gmv, long Impressions, long Clicks, long Conversions, double? Ctr, double? ConversionRate, double? Roas)
{
    public static AdFigures Of(IReadOnlyCollection<AdResult> results)
    {
        var spend = results.Sum(r => r.Spend);
        var gmv = results.Sum(r => r.Gmv);
        var impressions = results.Sum(r => r.Impressions);
        var clicks = results.Sum(r => r.Clicks);
        var conversions = results.Sum(r => r.Conversions);
        return new AdFigures(
            results.Select(r => r.VideoId).Distinct(StringComparer.Ordinal).Count(),
            spend, gmv, impressions, clicks, conversions,
            impressions == 0 ? null : (double)clicks / impressions,
            clicks == 0 ? null : (double)conversions / clicks,
            spend == 0 ? null : (double)(gmv / spend));
    }
}

/// <summary>Figures of one group (a template, a product, a platform): its key and its figures.</summary>
public sealed record AdGroup(string Key, AdFigures Figures);

/// <summary>A template's performance: in all and per platform.</summary>
public sealed record TemplatePerformance(string TemplateId, AdFigures Total, IReadOnlyList<AdGroup> Platforms);

/// <summary>A catalog's performance: in all, per template and per product (SKU).</summary>
public sealed record CatalogPerformance(string CatalogId, AdFigures Total, IReadOnlyList<AdGroup> Templates, IReadOnlyList<AdGroup> Products);

/// <summary>Joins ad results to the videos they are about (video to product and template) and sums them per group.</summary>
public sealed class AdPerformance(CatalogVideoStore videos, AdResultStore results)
{
    public async Task<TemplatePerformance> ForTemplateAsync(string userId, string templateId, CancellationToken cancellationToken)
    {
        var made = await videos.ListByTemplateAsync(userId, templateId, cancellationToken);
        var all = await results.ListByVideosAsync(userId, made.Select(v => v.VideoId).ToList(), cancellationToken);
        return new TemplatePerformance(templateId, AdFigures.Of(all), Group(all, r => r.Platform));
    }

    public async Task<CatalogPerformance> ForCatalogAsync(string userId, string catalogId, CancellationToken cancellationToken)
    {
        var made = (await videos.ListByCatalogAsync(userId, catalogId, cancellationToken)).ToDictionary(v => v.VideoId, StringComparer.Ordinal);
        var all = (await results.ListByCatalogAsync(userId, catalogId, cancellationToken)).Where(r => made.ContainsKey(r.VideoId)).ToList();
        return new CatalogPerformance(catalogId, AdFigures.Of(all),
            Group(all, r => made[r.VideoId].TemplateId),
            Group(all, r => made[r.VideoId].Sku));
    }

    private static List<AdGroup> Group(IEnumerable<AdResult> results, Func<AdResult, string> key) =>
        results.GroupBy(key, StringComparer.Ordinal)
            .Select(g => new AdGroup(g.Key, AdFigures.Of(g.ToList())))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
}
