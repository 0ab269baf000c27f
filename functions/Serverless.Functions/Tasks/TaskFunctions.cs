using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Projects;
using Serverless.Studio.Tasks;

namespace Serverless.Functions.Tasks;

/// <summary>A task's progress, and cancelling it.</summary>
public sealed class TaskFunctions(TaskQuery tasks, TaskCancellation cancellation, VideoTaskStore records, ProjectService projects, ILogger<TaskFunctions> logger)
{
    /// <summary>A project's tasks, newest first (at most <see cref="TaskSummary.MaxListed"/>): the history the studio shows.</summary>
    [Function("ListProjectTasks")]
    [Answers<ItemList<TaskSummary>>]
    [FailsOnOwnedResource]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/projects/{projectId}/tasks")] HttpRequest req, string projectId)
    {
        var http = req.HttpContext;
        var userId = http.User.UserId();
        if (await projects.FindAsync(userId, projectId, http.RequestAborted) is null)
        {
            return ApiResults.NotFound(http, $"Project '{projectId}'");
        }

        var all = await records.ListByProjectAsync(userId, projectId, http.RequestAborted);
        var newest = all.OrderByDescending(t => t.CreatedAt).Take(TaskSummary.MaxListed).Select(TaskSummary.Of).ToList();
        return ApiResults.Ok(http, new ItemList<TaskSummary>(newest, all.Count));
    }

    /// <summary>Status, progress and current step of a task; another user's task is not found.</summary>
    [Function("GetTask")]
    [Answers<TaskView>]
    [FailsOnOwnedResource]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/tasks/{taskId}")] HttpRequest req, string taskId)
    {
        var http = req.HttpContext;
        var task = await tasks.FindAsync(http.User.UserId(), taskId, http.RequestAborted);
        return task is null ? ApiResults.NotFound(http, $"Task '{taskId}'") : ApiResults.Ok(http, ForUser(http, task));
    }

    /// <summary>Stops a running video; one that has ended answers 409.</summary>
    [Function("CancelTask")]
    [TakesNoBody]
    [Answers<TaskView>]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status409Conflict)]
    public async Task<IResult> CancelAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/tasks/{taskId}/cancel")] HttpRequest req, string taskId) =>
        OutcomeResults.From(req.HttpContext, await cancellation.CancelAsync(req.HttpContext.User.UserId(), taskId, req.HttpContext.RequestAborted), $"Task '{taskId}'", view => ApiResults.Ok(req.HttpContext, ForUser(req.HttpContext, view)));

    /// <summary>The view with a raw failure replaced by its stable message; the raw one is logged under the request id the envelope shows.</summary>
    private TaskView ForUser(HttpContext http, TaskView view)
    {
        if (view.Error is not { } error)
        {
            return view;
        }

        var (shown, hidden) = TaskErrors.ForUser(error);
        if (hidden)
        {
            logger.LogWarning("Task {TaskId} failed with code {Code}: {Detail} (shown to request {RequestId} as its stable message)", view.TaskId, error.Code, error.Message, http.TraceIdentifier);
        }

        // A failed task's current step is its error message: hidden alike.
        return view with { Error = shown, CurrentStep = hidden && view.CurrentStep == error.Message ? shown.Message : view.CurrentStep };
    }
}
