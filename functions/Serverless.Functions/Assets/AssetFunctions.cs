using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Assets;

namespace Serverless.Functions.Assets;

/// <summary>Uploads straight to Blob storage through short-lived links, confirmed, listed and deleted here.</summary>

/// <summary>A project's uploaded assets.</summary>
public sealed class AssetFunctions(AssetService assets)
{
    [Function("CreateAssetUploadUrl")]
    [Takes<AssetUploadRequest>]
    [Answers<AssetUpload>]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status409Conflict)]
    public async Task<IResult> BeginUploadAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/assets/upload-url")] HttpRequest req, string projectId)
    {
        var http = req.HttpContext;
        var (body, problem) = await JsonBody.ReadAsync<AssetUploadRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await assets.BeginUploadAsync(http.User.UserId(), projectId, body!, http.RequestAborted);
        return OutcomeResults.From(http, outcome, $"Project '{projectId}'", upload => ApiResults.Ok(http, upload));
    }

    [Function("CompleteAssetUpload")]
    [TakesNoBody]
    [Answers<AssetView>]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status409Conflict)]
    public async Task<IResult> CompleteAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/assets/{assetId}/complete")] HttpRequest req, string projectId, string assetId)
    {
        var http = req.HttpContext;
        var outcome = await assets.CompleteAsync(http.User.UserId(), projectId, assetId, http.RequestAborted);
        return OutcomeResults.From(http, outcome, $"Asset '{assetId}'", asset => ApiResults.Ok(http, AssetView.Of(asset)));
    }

    [Function("ListAssets")]
    [Answers<ItemList<AssetView>>]
    [FailsOnOwnedResource]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/assets")] HttpRequest req, string projectId) =>
        await assets.ListAsync(req.HttpContext.User.UserId(), projectId, req.HttpContext.RequestAborted) is { } list
            ? ApiResults.Ok(req.HttpContext, new ItemList<AssetView>(list.Select(AssetView.Of).ToList(), list.Count))
            : ApiResults.NotFound(req.HttpContext, $"Project '{projectId}'");

    [Function("DeleteAsset")]
    [Answers<AssetDeleted>]
    [FailsOnOwnedResource]
    public async Task<IResult> DeleteAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/projects/{projectId}/assets/{assetId}")] HttpRequest req, string projectId, string assetId) =>
        await assets.DeleteAsync(req.HttpContext.User.UserId(), projectId, assetId, req.HttpContext.RequestAborted)
            ? ApiResults.Ok(req.HttpContext, new AssetDeleted(assetId, Deleted: true), "deleted")
            : ApiResults.NotFound(req.HttpContext, $"Asset '{assetId}'");
}
