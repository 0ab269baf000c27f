using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Projects;
using Serverless.Studio.Storage;

namespace Serverless.Functions.Studio;

/// <summary>A short-lived read link to a shot's saved picture.</summary>
public sealed record ShotPictureLink(string ShotId, Uri Url, DateTimeOffset ExpiresAt);

/// <summary>
/// A shot's picture for the studio in the browser: a short-lived read link to the saved storyboard's image, for the
/// owner only (another user's project, or a shot with no picture yet, answers 404), so an <c>img</c> shows it
/// without the caller's token.
/// </summary>
public sealed class ShotPictureFunctions(StoryboardStore storyboards, AssetStore assets)
{
    [Function("GetShotPicture")]
    [Tags("Shots and voices")]
    [Answers<ShotPictureLink>]
    [FailsOnOwnedResource]
    public async Task<IResult> PictureAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/shots/{shotId}/image")] HttpRequest req, string projectId, string shotId)
    {
        var http = req.HttpContext;
        var storyboard = await storyboards.FindAsync(http.User.UserId(), projectId, http.RequestAborted);
        if (storyboard?.Shots.FirstOrDefault(s => s.Id == shotId)?.Image is not { } image)
        {
            return ApiResults.NotFound(http, $"A picture of shot '{shotId}' of project '{projectId}'");
        }

        var (url, expiresAt) = await assets.CreateDownloadLinkAsync(image, $"{shotId}{Path.GetExtension(image.Path)}", http.RequestAborted);
        return ApiResults.Ok(http, new ShotPictureLink(shotId, url, expiresAt));
    }
}
