using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.CatalogBatches;

namespace Serverless.Functions.CatalogBatches;

/// <summary>A catalog's products to videos: one batch per request, followed on <c>/api/v1/tasks/{task_id}</c>.</summary>
public sealed class CatalogBatchFunctions(CatalogBatchService batches)
{
    /// <summary>Renders the filtered products with a template; products whose latest video is current are left alone.</summary>
    [Function("StartCatalogVideos")]
    [Takes<CatalogBatchStart>]
    [StartsTask]
    [FailsOnOwnedResource]
    public Task<IResult> StartAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/catalogs/{catalogId}/videos")] HttpRequest req, string catalogId) =>
        RunAsync(req.HttpContext, catalogId, refresh: false);

    /// <summary>Renders again only the products whose data, pictures or template changed since their latest video.</summary>
    [Function("RefreshCatalogVideos")]
    [Takes<CatalogBatchStart>]
    [StartsTask]
    [FailsOnOwnedResource]
    public Task<IResult> RefreshAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/catalogs/{catalogId}/refresh")] HttpRequest req, string catalogId) =>
        RunAsync(req.HttpContext, catalogId, refresh: true);

    [Function("ListCatalogVideos")]
    [Answers<ApiPage<CatalogVideoView>>]
    [FailsOnOwnedResource]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/catalogs/{catalogId}/videos")] HttpRequest req, string catalogId)
    {
        var http = req.HttpContext;
        var (page, problem) = PageRequest.Read(http, defaultPageSize: PageRequest.MaxPageSize);
        if (problem is not null)
        {
            return problem;
        }

        return OutcomeResults.From(http, await batches.ListLatestAsync(http.User.UserId(), catalogId, http.RequestAborted), Catalog(catalogId),
            videos => ApiResults.Ok(http, page!.Cut(videos)));
    }

    private async Task<IResult> RunAsync(HttpContext http, string catalogId, bool refresh)
    {
        CatalogBatchStart? body = new(null, null, null);
        // A refresh may come without a body: it then keeps each product's template and preset.
        if (!refresh || http.Request.ContentLength is not (null or 0))
        {
            (body, var problem) = await JsonBody.ReadAsync<CatalogBatchStart>(http);
            if (problem is not null)
            {
                return problem;
            }
        }

        return OutcomeResults.From(http, await batches.StartAsync(http.User.UserId(), catalogId, body!, refresh, http.RequestAborted), Catalog(catalogId),
            started => OutcomeResults.Started(http, started));
    }

    private static string Catalog(string id) => $"Catalog '{id}'";
}
