using Microsoft.AspNetCore.Diagnostics;
using Serverless.Functions.Api;
using Serverless.Studio.Pipeline;

namespace Serverless.Functions.LocalRunner;

/// <summary>
/// Errors the framework answers before any function runs (a method the route does not take, a path no route has)
/// come with an empty body; under <c>/api</c> they get the envelope like every other error.
/// </summary>
public static class EnvelopedStatusPages
{
    public static IApplicationBuilder UseEnvelopedStatusPages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(WriteAsync);

    private static Task WriteAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (!http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return Task.CompletedTask;
        }

        var (code, message) = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => (ErrorCodes.NotFound, "No such API route."),
            StatusCodes.Status405MethodNotAllowed => (ErrorCodes.InvalidParameters, $"This route does not take {http.Request.Method}."),
            StatusCodes.Status401Unauthorized => (ErrorCodes.NotLoggedIn, "Sign in first."),
            StatusCodes.Status403Forbidden => (ErrorCodes.Forbidden, "Your role does not allow this."),
            >= 500 => (ErrorCodes.System, "Something went wrong on our side."),
            _ => (ErrorCodes.InvalidParameters, "The request could not be served."),
        };
        return http.Response.WriteAsJsonAsync(ApiResults.Envelope(http, code, message, null), http.RequestAborted);
    }
}
