using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Tasks;

namespace Serverless.Functions.Tasks;

public static class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/tasks/{taskId}", GetAsync).RequireAuthorization().WithName("GetTask").Answers<TaskView>().FailsOnOwnedResource();
        routes.MapPost("/api/v1/tasks/{taskId}/cancel", CancelAsync).RequireAuthorization().WithName("CancelTask")
            .TakesNoBody().Answers<TaskView>().FailsOnOwnedResource().Fails(StatusCodes.Status409Conflict);
        return routes;
    }

    /// <summary>Status, progress and current step of a task; another user's task is not found.</summary>
    private static async Task<IResult> GetAsync(string taskId, HttpContext http, TaskQuery tasks)
    {
        var task = await tasks.FindAsync(http.User.UserId(), taskId, http.RequestAborted);
        return task is null ? ApiResults.NotFound(http, $"Task '{taskId}'") : ApiResults.Ok(http, task);
    }

    /// <summary>Stops a running video; one that has ended answers 409.</summary>
    private static async Task<IResult> CancelAsync(string taskId, HttpContext http, TaskCancellation cancellation) =>
        OutcomeResults.From(http, await cancellation.CancelAsync(http.User.UserId(), taskId, http.RequestAborted), $"Task '{taskId}'", view => ApiResults.Ok(http, view));
}
