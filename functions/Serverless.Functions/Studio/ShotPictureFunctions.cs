using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Projects;
using Serverless.Studio.Storage;

namespace Serverless.Functions.Studio;

/// <summary>
/// A shot's picture for the studio in the browser: the bytes of the saved storyboard's image, for the owner only
/// (another user's project answers 404), with the blob's ETag so an unchanged picture is answered 304.
/// </summary>
public sealed class ShotPictureFunctions(StoryboardStore storyboards, AssetStore assets)
{
    [Function("GetShotPicture")]
    [Tags("Shots and voices")]
    [AnswersPicture]
    [FailsOnOwnedResource]
    public async Task<IResult> PictureAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/shots/{shotId}/image")] HttpRequest req, string projectId, string shotId)
    {
        var http = req.HttpContext;
        var storyboard = await storyboards.FindAsync(http.User.UserId(), projectId, http.RequestAborted);
        var shot = storyboard?.Shots.FirstOrDefault(s => s.Id == shotId);
        if (shot?.Image is not { } image)
        {
            return ApiResults.NotFound(http, $"A picture of shot '{shotId}' of project '{projectId}'");
        }

        var picture = await assets.DownloadVersionAsync(image, http.RequestAborted);
        if (picture is not var (content, etag))
        {
            return ApiResults.NotFound(http, $"A picture of shot '{shotId}' of project '{projectId}'");
        }

        var tag = etag.ToString("H");
        http.Response.Headers.CacheControl = "private, no-cache";
        http.Response.Headers.ETag = tag;
        if (http.Request.Headers.IfNoneMatch.Contains(tag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(content.ToMemory(), PictureType(image.Path));
    }

    /// <summary>The media type a picture's file name implies (the offline frames are PNG).</summary>
    public static string PictureType(string path) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".JPG" or ".JPEG" => "image/jpeg",
        ".WEBP" => "image/webp",
        _ => "image/png",
    };
}

/// <summary>Documents a 200 answer whose body is a picture rather than the JSON envelope.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AnswersPictureAttribute : ApiDocumentationAttribute
{
    public override void Describe(IEndpointConventionBuilder endpoint) =>
        endpoint.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(byte[]), ["image/png", "image/jpeg", "image/webp"]));
}
