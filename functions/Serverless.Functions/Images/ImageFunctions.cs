using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Images;

namespace Serverless.Functions.Images;

/// <summary>Pictures from a prompt and variations of them, drawn through the provider gateway and billed on the usage ledger.</summary>
public sealed class ImageFunctions(ImageService images, ImageStore store)
{
    private const int MaxIdLength = 64;

    [Function("CreateImage")]
    [Takes<ImageRequest>]
    [Answers<ImageView>(StatusCodes.Status201Created)]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
    public async Task<IResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/images")] HttpRequest req)
    {
        var http = req.HttpContext;
        var (body, problem) = await JsonBody.ReadAsync<ImageRequest>(http);
        return problem ?? await CreatedAsync(http, await images.CreateAsync(http.User.UserId(), body!.Prompt, body.Size, body.N, http.RequestAborted), "Image");
    }

    [Function("CreateImageVariation")]
    [Takes<VariationRequest>]
    [Answers<ImageView>(StatusCodes.Status201Created)]
    [FailsOnOwnedResource]
    public async Task<IResult> VaryAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/images/{imageId}/variations")] HttpRequest req, string imageId)
    {
        var http = req.HttpContext;
        if (imageId.Length > MaxIdLength)
        {
            return ApiResults.NotFound(http, Image(imageId));
        }

        var (body, problem) = await JsonBody.ReadAsync<VariationRequest>(http);
        return problem ?? await CreatedAsync(http, await images.VaryAsync(http.User.UserId(), imageId, body!.N, http.RequestAborted), Image(imageId));
    }

    [Function("GetImage")]
    [Answers<ImageView>]
    [FailsOnOwnedResource]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/images/{imageId}")] HttpRequest req, string imageId) =>
        imageId.Length <= MaxIdLength && await store.FindAsync(req.HttpContext.User.UserId(), imageId, req.HttpContext.RequestAborted) is { } image
            ? ApiResults.Ok(req.HttpContext, await ImageView.OfAsync(image, images, req.HttpContext.RequestAborted))
            : ApiResults.NotFound(req.HttpContext, Image(imageId));

    private async Task<IResult> CreatedAsync(HttpContext http, Serverless.Studio.Projects.Outcome<ImageRecord> outcome, string what)
    {
        var view = outcome.Value is { } record ? await ImageView.OfAsync(record, images, http.RequestAborted) : null;
        return OutcomeResults.From(http, outcome, what, _ => Results.Json(ApiResults.Envelope(http, 0, "created", view), statusCode: StatusCodes.Status201Created));
    }

    // The id is the caller's own input; bounded before it is echoed.
    private static string Image(string imageId) => $"Image '{(imageId.Length <= MaxIdLength ? imageId : imageId[..MaxIdLength] + "…")}'";
}
