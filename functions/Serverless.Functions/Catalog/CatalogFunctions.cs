using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Api;
using Serverless.Studio.Catalog;

namespace Serverless.Functions.Catalog;

/// <summary>The background music and sound effects catalog, and its scheduled refresh.</summary>
public sealed class CatalogFunctions(
    CatalogStore catalog, CatalogRefreshSingleton singleton, Serverless.Studio.ProductCatalogs.CatalogSourceRefresh productSources, ILogger<CatalogFunctions> logger)
{
    public const string CatalogRefresh = "CatalogRefresh";

    [Function("ListBackgroundMusic")]
    [Answers<ApiPage<CatalogItemView>>]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
    public Task<IResult> ListMusicAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/audio/bgm")] HttpRequest req) =>
        ListAsync(req.HttpContext, CatalogKinds.Music);

    [Function("ListSoundEffects")]
    [Answers<ApiPage<CatalogItemView>>]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
    public Task<IResult> ListSoundEffectsAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/audio/sound-effects")] HttpRequest req) =>
        ListAsync(req.HttpContext, CatalogKinds.SoundEffect);

    /// <summary>
    /// The catalog refresh on <c>Catalog:Schedule</c> (every 30 minutes by default), through the lease singleton, so
    /// with several hosts (or the local runner beside one) one refreshes and the rest skip. The host that refreshed
    /// the media catalog then re-reads the product catalogs' sources.
    /// </summary>
    [Function(CatalogRefresh)]
    public async Task RefreshAsync([TimerTrigger("%Catalog:Schedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var run = await singleton.TryRunAsync(cancellationToken);
        if (run.Result is { } r)
        {
            logger.LogInformation("Catalog refreshed{Late}: {Added} added, {Updated} updated, {Removed} removed, {Voices} voices",
                timer.IsPastDue ? " (late tick)" : "", r.Added, r.Updated, r.Removed, r.Voices);
            var sources = await productSources.RefreshAllAsync(cancellationToken);
            logger.LogInformation("Product catalog sources refreshed: {Changed} of {Count} changed, {Failed} failed",
                sources.Count(s => s.Changed), sources.Count, sources.Count(s => s.Error is not null));
        }
        else
        {
            logger.LogInformation("Catalog refresh skipped: another host holds the lease");
        }
    }

    /// <summary>The catalog as last refreshed, optionally one <c>category</c>.</summary>
    private async Task<IResult> ListAsync(HttpContext http, string kind)
    {
        var (page, problem) = PageRequest.Read(http, 50);
        if (problem is not null)
        {
            return problem;
        }

        var category = http.Request.Query["category"].ToString();
        if (category.Length > 64)
        {
            return ApiResults.BadRequest(http, "category", "at most 64 characters");
        }

        var entries = await catalog.ListAsync(kind, http.RequestAborted);
        var chosen = entries
            .Where(e => category.Length == 0 || string.Equals(e.Category, category, StringComparison.OrdinalIgnoreCase))
            .Select(CatalogItemView.Of)
            .ToList();
        return ApiResults.Ok(http, page!.Cut(chosen));
    }
}
