using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Projects;
using Serverless.Studio.Storage;
using Serverless.Studio.Videos;

namespace Serverless.Functions.Projects;

public static class ProjectsApi
{
    public static IEndpointRouteBuilder MapProjectsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/projects/{projectId}/storyboard", StoryboardAsync).RequireAuthorization().WithName("GetStoryboard").Answers<Serverless.Studio.Storyboards.Storyboard>().FailsOnOwnedResource();
        routes.MapGet("/api/v1/projects/{projectId}/video/download", DownloadAsync).RequireAuthorization().WithName("DownloadVideo").Answers<VideoDownload>().FailsOnOwnedResource();
        return routes;
    }

    /// <summary>The storyboard the video was rendered from, with each shot fitted to its speech.</summary>
    /// <remarks>Answers the storyboard's version as an ETag, which a storyboard edit sends back in If-Match.</remarks>
    private static async Task<IResult> StoryboardAsync(string projectId, HttpContext http, StoryboardStore storyboards)
    {
        var (document, etag) = await storyboards.FindVersionAsync(http.User.UserId(), projectId, http.RequestAborted);
        if (document is null)
        {
            return ApiResults.NotFound(http, $"A storyboard of project '{projectId}'");
        }

        if (etag is not null)
        {
            http.Response.Headers.ETag = EntityTags.Quoted(etag);
        }

        return ApiResults.Ok(http, document.Storyboard);
    }

    /// <summary>A short-lived link to the project's finished video.</summary>
    private static async Task<IResult> DownloadAsync(string projectId, HttpContext http, VideoDownloads downloads)
    {
        var download = await downloads.FindAsync(http.User.UserId(), projectId, http.RequestAborted);
        return download is null ? ApiResults.NotFound(http, $"A finished video of project '{projectId}'") : ApiResults.Ok(http, download);
    }
}
