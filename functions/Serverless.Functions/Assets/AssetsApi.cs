using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Assets;

namespace Serverless.Functions.Assets;

/// <summary>Uploads straight to Blob storage through short-lived links, confirmed, listed and deleted here.</summary>
public static class AssetsApi
{
    public static IEndpointRouteBuilder MapAssetsApi(this IEndpointRouteBuilder routes)
    {
        var assets = routes.MapGroup("/api/v1/projects/{projectId}/assets").RequireAuthorization();
        assets.MapPost("/upload-url", BeginUploadAsync).WithName("CreateAssetUploadUrl").Takes<AssetUploadRequest>().Answers<AssetUpload>().FailsOnOwnedResource().Fails(StatusCodes.Status409Conflict);
        assets.MapPost("/{assetId}/complete", CompleteAsync).WithName("CompleteAssetUpload").TakesNoBody().Answers<AssetView>().FailsOnOwnedResource().Fails(StatusCodes.Status409Conflict);
        assets.MapGet("", ListAsync).WithName("ListAssets").Answers<ItemList<AssetView>>().FailsOnOwnedResource();
        assets.MapDelete("/{assetId}", DeleteAsync).WithName("DeleteAsset").Answers<AssetDeleted>().FailsOnOwnedResource();
        return routes;
    }

    private static async Task<IResult> BeginUploadAsync(string projectId, HttpContext http, AssetService assets)
    {
        var (body, problem) = await JsonBody.ReadAsync<AssetUploadRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await assets.BeginUploadAsync(http.User.UserId(), projectId, body!, http.RequestAborted);
        return OutcomeResults.From(http, outcome, $"Project '{projectId}'", upload => ApiResults.Ok(http, upload));
    }

    private static async Task<IResult> CompleteAsync(string projectId, string assetId, HttpContext http, AssetService assets)
    {
        var outcome = await assets.CompleteAsync(http.User.UserId(), projectId, assetId, http.RequestAborted);
        return OutcomeResults.From(http, outcome, $"Asset '{assetId}'", asset => ApiResults.Ok(http, AssetView.Of(asset)));
    }

    private static async Task<IResult> ListAsync(string projectId, HttpContext http, AssetService assets) =>
        await assets.ListAsync(http.User.UserId(), projectId, http.RequestAborted) is { } list
            ? ApiResults.Ok(http, new ItemList<AssetView>(list.Select(AssetView.Of).ToList(), list.Count))
            : ApiResults.NotFound(http, $"Project '{projectId}'");

    private static async Task<IResult> DeleteAsync(string projectId, string assetId, HttpContext http, AssetService assets) =>
        await assets.DeleteAsync(http.User.UserId(), projectId, assetId, http.RequestAborted)
            ? ApiResults.Ok(http, new AssetDeleted(assetId, Deleted: true), "deleted")
            : ApiResults.NotFound(http, $"Asset '{assetId}'");
}
