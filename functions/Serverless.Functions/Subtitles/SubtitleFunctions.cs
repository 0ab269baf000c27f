using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Projects;
using Serverless.Studio.Storage;
using Serverless.Studio.Subtitles;

namespace Serverless.Functions.Subtitles;

/// <summary>Body of <c>POST .../subtitles</c>: every cue, in order.</summary>
public sealed record SubtitlesRequest(IReadOnlyList<SubtitleEdit?>? Cues);

/// <summary>A project's subtitles as JSON: the cues, and whether a user edited them.</summary>
public sealed record SubtitlesView(IReadOnlyList<Subtitle> Cues, bool Edited, DateTimeOffset? UpdatedAt, int Total)
{
    public static SubtitlesView Of(SubtitleSet set) => new(set.Cues, set.Edited, set.UpdatedAt, set.Cues.Count);
}

/// <summary>Subtitles: timed from the storyboard, read as SRT, WebVTT or JSON, replaced or edited cue by cue.</summary>

/// <summary>A project's subtitles.</summary>
public sealed class SubtitleFunctions(SubtitleService subtitles)
{
    private static string Project(string projectId) => $"Subtitles of project '{projectId}'";

    /// <summary><c>format=json</c> (the default) answers the envelope; <c>srt</c> and <c>vtt</c> answer the file itself.</summary>
    [Function("GetSubtitles")]
    [Tags("Subtitles")]
    [Answers<SubtitlesView>]
    [AlsoAnswersText("application/x-subrip", "text/vtt")]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status409Conflict)]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/subtitles")] HttpRequest req, string projectId)
    {
        var http = req.HttpContext;
        var format = http.Request.Query["format"].ToString();
        if (format is not ("" or "json" or "srt" or "vtt"))
        {
            return ApiResults.BadRequest(http, "format", "one of srt, vtt, json");
        }

        var outcome = await subtitles.GetAsync(http.User.UserId(), projectId, http.RequestAborted);
        return OutcomeResults.From(http, outcome, Project(projectId), set =>
        {
            Versioned(http, set);
            return format switch
            {
                "srt" => Results.Text(SubtitleFiles.Srt(set.Cues), SubtitleFiles.SrtContentType),
                "vtt" => Results.Text(SubtitleFiles.Vtt(set.Cues), SubtitleFiles.VttContentType),
                _ => ApiResults.Ok(http, SubtitlesView.Of(set)),
            };
        });
    }

    [Function("ReplaceSubtitles")]
    [Tags("Subtitles")]
    [Takes<SubtitlesRequest>]
    [Answers<SubtitlesView>]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status409Conflict)]
    public async Task<IResult> ReplaceAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/subtitles")] HttpRequest req, string projectId)
    {
        var http = req.HttpContext;
        var (body, problem) = await JsonBody.ReadAsync<SubtitlesRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await subtitles.ReplaceAsync(http.User.UserId(), projectId, body!.Cues, IfMatch(http), http.RequestAborted);
        return OutcomeResults.From(http, outcome, Project(projectId), set => ApiResults.Ok(http, SubtitlesView.Of(Versioned(http, set)), "replaced"));
    }

    [Function("EditSubtitle")]
    [Tags("Subtitles")]
    [Takes<SubtitleEdit>]
    [Answers<SubtitlesView>]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status409Conflict)]
    public async Task<IResult> EditAsync([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "v1/projects/{projectId}/subtitles/{cueId}")] HttpRequest req, string projectId, string cueId)
    {
        var http = req.HttpContext;
        var (body, problem) = await JsonBody.ReadAsync<SubtitleEdit>(http);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await subtitles.EditAsync(http.User.UserId(), projectId, cueId, body!, IfMatch(http), http.RequestAborted);
        return OutcomeResults.From(http, outcome, $"Cue '{cueId}' of project '{projectId}'", set => ApiResults.Ok(http, SubtitlesView.Of(Versioned(http, set)), "updated"));
    }

    private static string? IfMatch(HttpContext http) => http.Request.Headers.IfMatch.ToString() is { Length: > 0 } ifMatch ? ifMatch : null;

    /// <summary>Answers the subtitles' version as an ETag, which an edit sends back in If-Match to refuse overwriting a newer one.</summary>
    private static SubtitleSet Versioned(HttpContext http, SubtitleSet set)
    {
        if (set.Version is { } version)
        {
            http.Response.Headers.ETag = EntityTags.Quoted(version);
        }

        return set;
    }
}
