using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Tasks;

namespace Serverless.Functions.Tasks;

public static class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/tasks/{taskId}", GetAsync).RequireAuthorization().WithName("GetTask").Answers<TaskView>().FailsOnOwnedResource();
        return routes;
    }

    /// <summary>Status, progress and current step of a task; another user's task is not found.</summary>
    private static async Task<IResult> GetAsync(string taskId, HttpContext http, TaskQuery tasks)
    {
        var task = await tasks.FindAsync(http.User.UserId(), taskId, http.RequestAborted);
        return task is null ? ApiResults.NotFound(http, $"Task '{taskId}'") : ApiResults.Ok(http, task);
    }
}
