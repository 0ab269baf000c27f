using System.Globalization;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Projects;

namespace Serverless.Functions.Projects;

/// <summary>Projects CRUD, the script, the storyboard's generation and approval, and renders.</summary>
public static class ProjectWorkspaceApi
{
    public static IEndpointRouteBuilder MapProjectWorkspaceApi(this IEndpointRouteBuilder routes)
    {
        var projects = routes.MapGroup("/api/v1/projects").RequireAuthorization();
        projects.MapGet("", ListAsync).WithName("ListProjects").Answers<ProjectPage>().Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized);
        projects.MapPost("", CreateAsync).WithName("CreateProject").Takes<ProjectRequest>().Answers<ProjectView>(StatusCodes.Status201Created).Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized);
        projects.MapGet("/{projectId}", GetAsync).WithName("GetProject").Answers<ProjectView>().FailsOnOwnedResource();
        projects.MapPatch("/{projectId}", UpdateAsync).WithName("UpdateProject").Takes<ProjectRequest>().Answers<ProjectView>().FailsOnOwnedResource();
        projects.MapDelete("/{projectId}", DeleteAsync).WithName("DeleteProject").Answers<ProjectDeleted>().FailsOnOwnedResource();
        projects.MapPut("/{projectId}/script", WriteScriptAsync).WithName("WriteScript").Takes<ScriptRequest>().Answers<ProjectView>().FailsOnOwnedResource();
        projects.MapPost("/{projectId}/script/parse", ParseScriptAsync).WithName("ParseScript").TakesNoBody().Answers<Serverless.Studio.Screenplays.Screenplay>().FailsOnOwnedResource().Fails(StatusCodes.Status409Conflict);
        projects.MapGet("/{projectId}/script/parsed", ParsedScriptAsync).WithName("GetParsedScript").Answers<Serverless.Studio.Screenplays.Screenplay>().FailsOnOwnedResource();
        projects.MapPost("/{projectId}/storyboard/generate", GenerateStoryboardAsync).WithName("GenerateStoryboard").TakesNoBody().StartsTask().FailsOnOwnedResource().Fails(StatusCodes.Status409Conflict);
        projects.MapPost("/{projectId}/storyboard/approve", ApproveStoryboardAsync).WithName("ApproveStoryboard").Takes<ApprovalRequest>(optional: true).Answers<TaskStarted>().FailsOnOwnedResource().Fails(StatusCodes.Status409Conflict);
        projects.MapPost("/{projectId}/render/preview", RenderPreviewAsync).WithName("RenderPreview").Takes<RenderRequest>(optional: true).StartsTask().FailsOnOwnedResource().Fails(StatusCodes.Status409Conflict);
        projects.MapPost("/{projectId}/render/final", RenderFinalAsync).WithName("RenderFinal").Takes<RenderRequest>(optional: true).StartsTask().FailsOnOwnedResource().Fails(StatusCodes.Status409Conflict);
        return routes;
    }

    private static string Project(string projectId) => $"Project '{projectId}'";

    /// <summary>One page of projects, as <c>GET /api/v1/projects</c> answers it.</summary>
    public sealed record ProjectPage(IReadOnlyList<ProjectView> Items, int Page, int PageSize, int Total, int TotalPages);

    /// <summary>The user's projects, newest first, a page at a time (<c>page</c> from 1, <c>page_size</c> up to 100).</summary>
    private static async Task<IResult> ListAsync(HttpContext http, ProjectService projects)
    {
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

    private static async Task<IResult> CreateAsync(HttpContext http, ProjectService projects)
    {
        var (body, problem) = await JsonBody.ReadAsync<ProjectRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await projects.CreateAsync(http.User.UserId(), body!.ToDraft(), http.RequestAborted);
        return OutcomeResults.From(http, outcome, "Project", p =>
            Results.Json(ApiResults.Envelope(http, 0, "created", ProjectView.Of(p)), statusCode: StatusCodes.Status201Created));
    }

    private static async Task<IResult> GetAsync(string projectId, HttpContext http, ProjectService projects) =>
        await projects.FindAsync(http.User.UserId(), projectId, http.RequestAborted) is { } project
            ? ApiResults.Ok(http, ProjectView.Of(project))
            : ApiResults.NotFound(http, Project(projectId));

    private static async Task<IResult> UpdateAsync(string projectId, HttpContext http, ProjectService projects)
    {
        var (body, problem) = await JsonBody.ReadAsync<ProjectRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await projects.UpdateAsync(http.User.UserId(), projectId, body!.ToDraft(), http.RequestAborted);
        return OutcomeResults.From(http, outcome, Project(projectId), p => ApiResults.Ok(http, ProjectView.Of(p)));
    }

    private static async Task<IResult> DeleteAsync(string projectId, HttpContext http, ProjectService projects) =>
        await projects.DeleteAsync(http.User.UserId(), projectId, http.RequestAborted)
            ? ApiResults.Ok(http, new { project_id = projectId, deleted = true }, "deleted")
            : ApiResults.NotFound(http, Project(projectId));

    private static async Task<IResult> WriteScriptAsync(string projectId, HttpContext http, ProjectService projects)
    {
        var (body, problem) = await JsonBody.ReadAsync<ScriptRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await projects.WriteScriptAsync(http.User.UserId(), projectId, body!.Content, http.RequestAborted);
        return OutcomeResults.From(http, outcome, Project(projectId), p => ApiResults.Ok(http, ProjectView.Of(p)));
    }

    /// <summary>Parses the current script at once (parsing is fast); a text that is not a screenplay answers 400.</summary>
    private static async Task<IResult> ParseScriptAsync(string projectId, HttpContext http, ProjectService projects)
    {
        var outcome = await projects.ParseScriptAsync(http.User.UserId(), projectId, http.RequestAborted);
        return OutcomeResults.From(http, outcome, Project(projectId), screenplay => ApiResults.Ok(http, screenplay));
    }

    private static async Task<IResult> ParsedScriptAsync(string projectId, HttpContext http, ProjectService projects) =>
        await projects.FindParsedAsync(http.User.UserId(), projectId, http.RequestAborted) is { } screenplay
            ? ApiResults.Ok(http, screenplay)
            : ApiResults.NotFound(http, $"A parsed script of project '{projectId}'");

    private static async Task<IResult> GenerateStoryboardAsync(string projectId, HttpContext http, ProjectWork work)
    {
        var outcome = await work.GenerateStoryboardAsync(http.User.UserId(), projectId, http.RequestAborted);
        return OutcomeResults.From(http, outcome, Project(projectId), started => OutcomeResults.Started(http, started));
    }

    /// <summary>Lets the video waiting on this project's storyboard go on; 409 when none waits.</summary>
    private static async Task<IResult> ApproveStoryboardAsync(string projectId, HttpContext http, ProjectWork work)
    {
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

    private static Task<IResult> RenderPreviewAsync(string projectId, HttpContext http, ProjectWork work) => RenderAsync(projectId, http, work, preview: true);

    private static Task<IResult> RenderFinalAsync(string projectId, HttpContext http, ProjectWork work) => RenderAsync(projectId, http, work, preview: false);

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
}
