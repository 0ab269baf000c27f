using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.ProductCatalogs;

namespace Serverless.Functions.ProductCatalogs;

/// <summary>Ad results of catalog videos, and the performance of templates and products they add up to.</summary>
public sealed class AdResultFunctions(ProductCatalogService catalogs, AdResultImport import, AdPerformance performance)
{
    /// <summary>
    /// Imports one platform's ad results (CSV: <c>date,video_id,spend,gmv,impressions,clicks,conversions</c>, the
    /// platform in the <c>platform</c> query or column), answering rows accepted and refused like a product import.
    /// </summary>
    [Function("ImportAdResults")]
    [TakesFile<AdResultRow[]>("text/csv")]
    [Answers<ImportReportView>]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound, StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IResult> ImportAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/catalogs/{catalogId}/ad-results")] HttpRequest req, string catalogId)
    {
        var http = req.HttpContext;
        var platform = http.Request.Query["platform"].ToString().ToLowerInvariant();
        if (platform.Length > 0 && !AdResultImport.IsPlatform(platform))
        {
            return ApiResults.BadRequest(http, "platform", "1 to 32 letters, digits, '-' or '_' (e.g. douyin, tiktok, meta)");
        }

        var userId = http.User.UserId();
        if (catalogId.Length > ProductCatalogFunctions.MaxIdLength || await catalogs.FindAsync(userId, catalogId, http.RequestAborted) is null)
        {
            return ApiResults.NotFound(http, ProductCatalogFunctions.Catalog(catalogId));
        }

        try
        {
            var report = await import.ImportAsync(userId, catalogId, platform.Length > 0 ? platform : null, req.Body, http.RequestAborted);
            return ApiResults.Ok(http, ImportReportView.Of(report));
        }
        catch (ImportFileException e)
        {
            return ApiResults.BadRequest(http, "body", e.Message);
        }
    }

    /// <summary>The catalog's ad performance in all, per template and per product, each with the number of videos behind it.</summary>
    [Function("GetCatalogPerformance")]
    [Answers<CatalogPerformance>]
    [FailsOnOwnedResource]
    public async Task<IResult> CatalogAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/catalogs/{catalogId}/performance")] HttpRequest req, string catalogId)
    {
        var http = req.HttpContext;
        var userId = http.User.UserId();
        if (catalogId.Length > ProductCatalogFunctions.MaxIdLength || await catalogs.FindAsync(userId, catalogId, http.RequestAborted) is null)
        {
            return ApiResults.NotFound(http, ProductCatalogFunctions.Catalog(catalogId));
        }

        return ApiResults.Ok(http, await performance.ForCatalogAsync(userId, catalogId, http.RequestAborted));
    }

    /// <summary>A template's ad performance over the caller's videos made with it, in all and per platform.</summary>
    [Function("GetTemplatePerformance")]
    [Answers<TemplatePerformance>]
    [FailsOnOwnedResource]
    public async Task<IResult> TemplateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/templates/{templateId}/performance")] HttpRequest req, string templateId)
    {
        var http = req.HttpContext;
        if (templateId.Length > ProductCatalogFunctions.MaxIdLength)
        {
            return ApiResults.NotFound(http, "Template");
        }

        return ApiResults.Ok(http, await performance.ForTemplateAsync(http.User.UserId(), templateId, http.RequestAborted));
    }
}

/// <summary>One ad result row as the CSV gives it (documentation of the import's columns).</summary>
public sealed record AdResultRow(string Date, string VideoId, decimal Spend, decimal Gmv, long Impressions, long Clicks, long Conversions, string? Platform);
