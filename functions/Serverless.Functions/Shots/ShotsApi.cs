using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Shots;
using Serverless.Studio.Storage;
using Serverless.Studio.Storyboards;

namespace Serverless.Functions.Shots;

/// <summary>Body of <c>POST .../shots/{shot_id}/regenerate</c> (optional).</summary>
public sealed record RegenerateShotRequest(string? PromptOverride);

/// <summary>The saved storyboard's shots: every picture, one picture again, one shot's timing and camera, every spoken line.</summary>
public static class ShotsApi
{
    public static IEndpointRouteBuilder MapShotsApi(this IEndpointRouteBuilder routes)
    {
        var project = routes.MapGroup("/api/v1/projects/{projectId}").RequireAuthorization().WithTags("Shots and voices");
        project.MapPost("/storyboard/generate-images", GenerateImagesAsync).WithName("GenerateShotImages")
            .TakesNoBody().StartsTask().FailsOnOwnedResource().Fails(StatusCodes.Status409Conflict);
        project.MapPost("/shots/{shotId}/regenerate", RegenerateAsync).WithName("RegenerateShot")
            .Takes<RegenerateShotRequest>(optional: true).StartsTask().FailsOnOwnedResource().Fails(StatusCodes.Status409Conflict);
        project.MapPatch("/shots/{shotId}", EditAsync).WithName("EditShot")
            .Takes<ShotEdit>().Answers<StoryboardShot>().FailsOnOwnedResource().Fails(StatusCodes.Status409Conflict);
        project.MapPost("/audio/generate-dialogues", GenerateDialoguesAsync).WithName("GenerateDialogues")
            .TakesNoBody().StartsTask().FailsOnOwnedResource().Fails(StatusCodes.Status409Conflict);
        return routes;
    }

    private static async Task<IResult> GenerateImagesAsync(string projectId, HttpContext http, ShotWork shots)
    {
        var outcome = await shots.GenerateImagesAsync(http.User.UserId(), projectId, http.RequestAborted);
        return OutcomeResults.From(http, outcome, $"Project '{projectId}'", started => OutcomeResults.Started(http, started));
    }

    private static async Task<IResult> RegenerateAsync(string projectId, string shotId, HttpContext http, ShotWork shots)
    {
        RegenerateShotRequest? body = null;
        if (http.Request.ContentLength is not (null or 0) || http.Request.HasJsonContentType())
        {
            (body, var problem) = await JsonBody.ReadAsync<RegenerateShotRequest>(http);
            if (problem is not null)
            {
                return problem;
            }
        }

        var ifMatch = http.Request.Headers.IfMatch.ToString();
        var (outcome, etag) = await shots.RegenerateAsync(
            http.User.UserId(), projectId, shotId, body?.PromptOverride, ifMatch.Length == 0 ? null : ifMatch, http.RequestAborted);
        if (etag is not null && outcome.Kind == Serverless.Studio.Projects.OutcomeKind.Ok)
        {
            http.Response.Headers.ETag = EntityTags.Quoted(etag);
        }

        return OutcomeResults.From(http, outcome, $"Shot '{shotId}' of project '{projectId}'", started => OutcomeResults.Started(http, started));
    }

    /// <summary>A shot's duration, camera move or transition; answers the shot and the storyboard's new ETag.</summary>
    private static async Task<IResult> EditAsync(string projectId, string shotId, HttpContext http, ShotEditor editor)
    {
        var (body, problem) = await JsonBody.ReadAsync<ShotEdit>(http);
        if (problem is not null)
        {
            return problem;
        }

        var ifMatch = http.Request.Headers.IfMatch.ToString();
        var (outcome, etag) = await editor.EditAsync(http.User.UserId(), projectId, shotId, body!, ifMatch.Length == 0 ? null : ifMatch, http.RequestAborted);
        if (etag is not null)
        {
            http.Response.Headers.ETag = EntityTags.Quoted(etag);
        }

        return OutcomeResults.From(http, outcome, $"Shot '{shotId}' of project '{projectId}'", shot => ApiResults.Ok(http, shot));
    }

    private static async Task<IResult> GenerateDialoguesAsync(string projectId, HttpContext http, ShotWork shots)
    {
        var outcome = await shots.GenerateDialoguesAsync(http.User.UserId(), projectId, http.RequestAborted);
        return OutcomeResults.From(http, outcome, $"Project '{projectId}'", started => OutcomeResults.Started(http, started));
    }
}
