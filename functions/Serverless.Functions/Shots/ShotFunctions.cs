using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Shots;
using Serverless.Studio.Storage;
using Serverless.Studio.Storyboards;

namespace Serverless.Functions.Shots;

/// <summary>Body of <c>POST .../shots/{shot_id}/regenerate</c> (optional).</summary>
public sealed record RegenerateShotRequest(string? PromptOverride);

/// <summary>The saved storyboard's shots: every picture, one picture again, one shot's timing and camera, every spoken line.</summary>

/// <summary>Shot pictures and voices: generating, regenerating and editing shots.</summary>
public sealed class ShotFunctions(ShotWork shots, ShotEditor editor)
{
    [Function("GenerateShotImages")]
    [Tags("Shots and voices")]
    [TakesNoBody]
    [StartsTask]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status409Conflict)]
    public async Task<IResult> GenerateImagesAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/storyboard/generate-images")] HttpRequest req, string projectId)
    {
        var http = req.HttpContext;
        var outcome = await shots.GenerateImagesAsync(http.User.UserId(), projectId, http.RequestAborted);
        return OutcomeResults.From(http, outcome, $"Project '{projectId}'", started => OutcomeResults.Started(http, started));
    }

    [Function("RegenerateShot")]
    [Tags("Shots and voices")]
    [Takes<RegenerateShotRequest>(Optional = true)]
    [StartsTask]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status409Conflict)]
    public async Task<IResult> RegenerateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/shots/{shotId}/regenerate")] HttpRequest req, string projectId, string shotId)
    {
        var http = req.HttpContext;
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

    /// <summary>
    /// A shot's duration, camera move, transition or spoken line (a new line drops the recorded voice, recorded again
    /// by the next render or generate-dialogues); answers the shot and the storyboard's new ETag.
    /// </summary>
    [Function("EditShot")]
    [Tags("Shots and voices")]
    [Takes<ShotEdit>]
    [Answers<StoryboardShot>]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status409Conflict)]
    public async Task<IResult> EditAsync([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "v1/projects/{projectId}/shots/{shotId}")] HttpRequest req, string projectId, string shotId)
    {
        var http = req.HttpContext;
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

    [Function("GenerateDialogues")]
    [Tags("Shots and voices")]
    [TakesNoBody]
    [StartsTask]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status409Conflict)]
    public async Task<IResult> GenerateDialoguesAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/audio/generate-dialogues")] HttpRequest req, string projectId)
    {
        var http = req.HttpContext;
        var outcome = await shots.GenerateDialoguesAsync(http.User.UserId(), projectId, http.RequestAborted);
        return OutcomeResults.From(http, outcome, $"Project '{projectId}'", started => OutcomeResults.Started(http, started));
    }
}
