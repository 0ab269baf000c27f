using Serverless.Studio.Pipeline;
using Serverless.Studio.Projects;

namespace Serverless.Functions.Api;

/// <summary>Answers a domain <see cref="Outcome{T}"/> with its status code and the envelope.</summary>
public static class OutcomeResults
{
    public static IResult From<T>(HttpContext http, Outcome<T> outcome, string what, Func<T, IResult> ok) => outcome.Kind switch
    {
        OutcomeKind.Ok => ok(outcome.Value!),
        OutcomeKind.NotFound => ApiResults.NotFound(http, what),
        OutcomeKind.Invalid => ApiResults.BadRequest(http, outcome.Field ?? "body", outcome.Reason ?? "invalid", outcome.Line, outcome.Column),
        _ => ApiResults.Error(http, StatusCodes.Status409Conflict, ErrorCodes.InvalidParameters, $"{what}: {outcome.Reason}"),
    };

    /// <summary>202 with the task to follow, as every long step answers.</summary>
    public static IResult Started(HttpContext http, Serverless.Studio.Videos.SubmittedVideo started)
    {
        var statusUrl = $"/api/v1/tasks/{started.TaskId}";
        return ApiResults.Accepted(http, statusUrl, new TaskStarted(started.TaskId, started.ProjectId, statusUrl));
    }
}
