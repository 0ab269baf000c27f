using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Projects;
using Serverless.Studio.Storage;
using Serverless.Studio.Videos;

namespace Serverless.Functions.Projects;

/// <summary>Projects: script, parsing, storyboard, approval, renders and the finished video.</summary>
public sealed class ProjectFunctions(ProjectService projects, ProjectWork work, StoryboardStore storyboards, VideoDownloads downloads)
{
    private static string Project(string projectId) => $"Project '{projectId}'";

    /// <summary>One page of projects, as <c>GET /api/v1/projects</c> answers it.</summary>
    public sealed record ProjectPage(IReadOnlyList<ProjectView> Items, int Page, int PageSize, int Total, int TotalPages);

    /// <summary>The user's projects, newest first, a page at a time (<c>page</c> from 1, <c>page_size</c> up to 100).</summary>
    [Function("ListProjects")]
    [Answers<ProjectPage>]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects")] HttpRequest req)
    {
        var http = req.HttpContext;
        if (!TryQueryNumber(http, "page", out var page))
        {
            return ApiResults.BadRequest(http, "page", "a whole number");
        }

        if (!TryQueryNumber(http, "page_size", out var pageSize))
        {
            return ApiResults.BadRequest(http, "page_size", "a whole number");
        }

        var outcome = await projects.ListAsync(http.User.UserId(), page, pageSize, http.RequestAborted);
        return OutcomeResults.From(http, outcome, "Projects", list => ApiResults.Ok(http, new
        {
            items = list.Items.Select(ProjectView.Of),
            page = list.Page,
            page_size = list.PageSize,
            total = list.Total,
            total_pages = list.TotalPages,
        }));
    }

    [Function("CreateProject")]
    [Takes<ProjectRequest>]
    [Answers<ProjectView>(StatusCodes.Status201Created)]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
    public async Task<IResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects")] HttpRequest req)
    {
        var http = req.HttpContext;
        var (body, problem) = await JsonBody.ReadAsync<ProjectRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await projects.CreateAsync(http.User.UserId(), body!.ToDraft(), http.RequestAborted);
        return OutcomeResults.From(http, outcome, "Project", p =>
            Results.Json(ApiResults.Envelope(http, 0, "created", ProjectView.Of(p)), statusCode: StatusCodes.Status201Created));
    }

    [Function("GetProject")]
    [Answers<ProjectView>]
    [FailsOnOwnedResource]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}")] HttpRequest req, string projectId) =>
        await projects.FindAsync(req.HttpContext.User.UserId(), projectId, req.HttpContext.RequestAborted) is { } project
            ? ApiResults.Ok(req.HttpContext, ProjectView.Of(project))
            : ApiResults.NotFound(req.HttpContext, Project(projectId));

    [Function("UpdateProject")]
    [Takes<ProjectRequest>]
    [Answers<ProjectView>]
    [FailsOnOwnedResource]
    public async Task<IResult> UpdateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "v1/projects/{projectId}")] HttpRequest req, string projectId)
    {
        var http = req.HttpContext;
        var (body, problem) = await JsonBody.ReadAsync<ProjectRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await projects.UpdateAsync(http.User.UserId(), projectId, body!.ToDraft(), http.RequestAborted);
        return OutcomeResults.From(http, outcome, Project(projectId), p => ApiResults.Ok(http, ProjectView.Of(p)));
    }

    [Function("DeleteProject")]
    [Answers<ProjectDeleted>]
    [FailsOnOwnedResource]
    public async Task<IResult> DeleteAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/projects/{projectId}")] HttpRequest req, string projectId) =>
        await projects.DeleteAsync(req.HttpContext.User.UserId(), projectId, req.HttpContext.RequestAborted)
            ? ApiResults.Ok(req.HttpContext, new { project_id = projectId, deleted = true }, "deleted")
            : ApiResults.NotFound(req.HttpContext, Project(projectId));

    [Function("WriteScript")]
    [Takes<ScriptRequest>]
    [Answers<ProjectView>]
    [FailsOnOwnedResource]
    public async Task<IResult> WriteScriptAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/projects/{projectId}/script")] HttpRequest req, string projectId)
    {
        var http = req.HttpContext;
        var (body, problem) = await JsonBody.ReadAsync<ScriptRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await projects.WriteScriptAsync(http.User.UserId(), projectId, body!.Content, http.RequestAborted);
        return OutcomeResults.From(http, outcome, Project(projectId), p => ApiResults.Ok(http, ProjectView.Of(p)));
    }

    /// <summary>The current script's text; a project without one answers 409.</summary>
    [Function("ReadScript")]
    [Answers<ProjectScript>]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status409Conflict)]
    public async Task<IResult> ReadScriptAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/script")] HttpRequest req, string projectId) =>
        OutcomeResults.From(
            req.HttpContext,
            await projects.ReadScriptAsync(req.HttpContext.User.UserId(), projectId, req.HttpContext.RequestAborted),
            Project(projectId),
            script => ApiResults.Ok(req.HttpContext, script));

    /// <summary>
    /// Parses the current script at once (parsing is fast); a text that is not a screenplay, or goes over a script
    /// limit, answers 400 (with <c>error.line</c> when one line is at fault).
    /// </summary>
    [Function("ParseScript")]
    [TakesNoBody]
    [Answers<Serverless.Studio.Screenplays.Screenplay>]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status409Conflict)]
    public async Task<IResult> ParseScriptAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/script/parse")] HttpRequest req, string projectId)
    {
        var http = req.HttpContext;
        var outcome = await projects.ParseScriptAsync(http.User.UserId(), projectId, http.RequestAborted);
        return OutcomeResults.From(http, outcome, Project(projectId), screenplay => ApiResults.Ok(http, screenplay));
    }

    [Function("GetParsedScript")]
    [Answers<Serverless.Studio.Screenplays.Screenplay>]
    [FailsOnOwnedResource]
    public async Task<IResult> ParsedScriptAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/script/parsed")] HttpRequest req, string projectId) =>
        await projects.FindParsedAsync(req.HttpContext.User.UserId(), projectId, req.HttpContext.RequestAborted) is { } screenplay
            ? ApiResults.Ok(req.HttpContext, screenplay)
            : ApiResults.NotFound(req.HttpContext, $"A parsed script of project '{projectId}'");

    [Function("GenerateStoryboard")]
    [Takes<GenerateStoryboardRequest>(Optional = true)]
    [StartsTask]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status409Conflict)]
    public async Task<IResult> GenerateStoryboardAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/storyboard/generate")] HttpRequest req, string projectId)
    {
        var http = req.HttpContext;
        var (body, problem) = await OptionalBodyAsync<GenerateStoryboardRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await work.GenerateStoryboardAsync(http.User.UserId(), projectId, body?.DrawImages ?? false, http.RequestAborted);
        return OutcomeResults.From(http, outcome, Project(projectId), started => OutcomeResults.Started(http, started));
    }

    /// <summary>Lets the video waiting on this project's storyboard go on; 409 when none waits.</summary>
    [Function("ApproveStoryboard")]
    [Takes<ApprovalRequest>(Optional = true)]
    [Answers<TaskStarted>]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status409Conflict)]
    public async Task<IResult> ApproveStoryboardAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/storyboard/approve")] HttpRequest req, string projectId)
    {
        var http = req.HttpContext;
        var (body, problem) = await OptionalBodyAsync<ApprovalRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await work.ApproveStoryboardAsync(http.User.UserId(), projectId, body?.Comment, http.RequestAborted);
        return OutcomeResults.From(http, outcome, Project(projectId), approved => ApiResults.Ok(http, new
        {
            task_id = approved.TaskId,
            project_id = approved.ProjectId,
            status_url = $"/api/v1/tasks/{approved.TaskId}",
        }, "approved"));
    }

    [Function("RenderPreview")]
    [Takes<RenderRequest>(Optional = true)]
    [StartsTask]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status409Conflict)]
    public Task<IResult> RenderPreviewAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/render/preview")] HttpRequest req, string projectId) => RenderAsync(projectId, req.HttpContext, work, preview: true);

    [Function("RenderFinal")]
    [Takes<RenderRequest>(Optional = true)]
    [StartsTask]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status409Conflict)]
    public Task<IResult> RenderFinalAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/projects/{projectId}/render/final")] HttpRequest req, string projectId) => RenderAsync(projectId, req.HttpContext, work, preview: false);

    private static async Task<IResult> RenderAsync(string projectId, HttpContext http, ProjectWork work, bool preview)
    {
        var (body, problem) = await OptionalBodyAsync<RenderRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var settings = body?.ToSettings() ?? new RenderSettings();
        var outcome = await work.RenderAsync(http.User.UserId(), projectId, settings, preview, http.RequestAborted);
        return OutcomeResults.From(http, outcome, Project(projectId), started => OutcomeResults.Started(http, started));
    }

    /// <summary>A JSON body that may also be left out entirely.</summary>
    private static async Task<(T? Body, IResult? Problem)> OptionalBodyAsync<T>(HttpContext http)
        where T : class =>
        http.Request.ContentLength is null or 0 && !http.Request.HasJsonContentType() ? (null, null) : await JsonBody.ReadAsync<T>(http);

    private static bool TryQueryNumber(HttpContext http, string name, out int? value)
    {
        value = null;
        if (!http.Request.Query.TryGetValue(name, out var raw))
        {
            return true;
        }

        if (int.TryParse(raw.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            value = number;
            return true;
        }

        return false;
    }

    /// <summary>The storyboard the video was rendered from, with each shot fitted to its speech.</summary>
    /// <remarks>Answers the storyboard's version as an ETag, which a storyboard edit sends back in If-Match.</remarks>
    [Function("GetStoryboard")]
    [Answers<Serverless.Studio.Storyboards.Storyboard>]
    [FailsOnOwnedResource]
    public async Task<IResult> StoryboardAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/storyboard")] HttpRequest req, string projectId)
    {
        var http = req.HttpContext;
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
    [Function("DownloadVideo")]
    [Answers<VideoDownload>]
    [FailsOnOwnedResource]
    public async Task<IResult> DownloadAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/video/download")] HttpRequest req, string projectId)
    {
        var http = req.HttpContext;
        var download = await downloads.FindAsync(http.User.UserId(), projectId, http.RequestAborted);
        return download is null ? ApiResults.NotFound(http, $"A finished video of project '{projectId}'") : ApiResults.Ok(http, download);
    }
}
