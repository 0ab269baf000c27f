using Serverless.Studio.Pipeline;

namespace Serverless.Functions.Api;

/// <summary>Builds enveloped responses; every handler answers through these.</summary>
public static class ApiResults
{
    public static IResult Ok(HttpContext http, object? data, string message = "ok") =>
        Results.Json(Envelope(http, 0, message, data), statusCode: StatusCodes.Status200OK);

    public static IResult Accepted(HttpContext http, string location, object data) =>
        new AcceptedEnvelope(location, Envelope(http, 0, "accepted", data));

    public static IResult Error(HttpContext http, int status, int code, string message, ApiFieldError? error = null) =>
        Results.Json(Envelope(http, code, message, null, error), statusCode: status);

    public static IResult BadRequest(HttpContext http, string field, string reason, int? line = null, int? column = null) =>
        Error(http, StatusCodes.Status400BadRequest, ErrorCodes.InvalidParameters, $"Invalid parameter '{field}': {reason}", new ApiFieldError(field, reason, line, column));

    public static IResult NotFound(HttpContext http, string what) =>
        Error(http, StatusCodes.Status404NotFound, ErrorCodes.NotFound, $"{what} was not found.");

    public static ApiEnvelope Envelope(HttpContext http, int code, string message, object? data, ApiFieldError? error = null) =>
        new(code, message, data, TimeProvider.System.GetUtcNow(), http.TraceIdentifier, error);

    private sealed class AcceptedEnvelope(string location, ApiEnvelope envelope) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return Results.Json(envelope, statusCode: StatusCodes.Status202Accepted).ExecuteAsync(httpContext);
        }
    }
}
