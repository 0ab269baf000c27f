using Microsoft.Azure.Functions.Worker;
using Serverless.Contracts.Rendering;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Projects;
using Serverless.Studio.Storage;
using Serverless.Studio.Storyboards;

namespace Serverless.Functions.Studio;

/// <summary>A short-lived read link to a shot's saved picture or voice.</summary>
public sealed record ShotMediaLink(string ShotId, Uri Url, DateTimeOffset ExpiresAt);

/// <summary>
/// A shot's picture and voice for the studio in the browser: short-lived read links to the saved storyboard's blobs, for
/// the owner only (another user's project, or a shot with nothing saved yet, answers 404), so an <c>img</c> or an
/// <c>audio</c> plays them without the caller's token.
/// </summary>
public sealed class ShotMediaFunctions(StoryboardStore storyboards, AssetStore assets)
{
    [Function("GetShotPicture")]
    [Tags("Shots and voices")]
    [Answers<ShotMediaLink>]
    [FailsOnOwnedResource]
    public Task<IResult> PictureAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/shots/{shotId}/image")] HttpRequest req, string projectId, string shotId) =>
        LinkAsync(req.HttpContext, projectId, shotId, "picture", s => s.Image);

    /// <summary>The shot's recorded line (a render or <c>POST .../audio/generate-dialogues</c> records it).</summary>
    [Function("GetShotVoice")]
    [Tags("Shots and voices")]
    [Answers<ShotMediaLink>]
    [FailsOnOwnedResource]
    public Task<IResult> VoiceAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/shots/{shotId}/voice")] HttpRequest req, string projectId, string shotId) =>
        LinkAsync(req.HttpContext, projectId, shotId, "voice", s => s.Voice);

    private async Task<IResult> LinkAsync(HttpContext http, string projectId, string shotId, string what, Func<StoryboardShot, BlobRef?> blob)
    {
        var storyboard = await storyboards.FindAsync(http.User.UserId(), projectId, http.RequestAborted);
        if (storyboard?.Shots.FirstOrDefault(s => s.Id == shotId) is not { } shot || blob(shot) is not { } saved)
        {
            return ApiResults.NotFound(http, $"A {what} of shot '{shotId}' of project '{projectId}'");
        }

        var (url, expiresAt) = await assets.CreateDownloadLinkAsync(saved, $"{shotId}{Path.GetExtension(saved.Path)}", http.RequestAborted);
        return ApiResults.Ok(http, new ShotMediaLink(shotId, url, expiresAt));
    }
}
