using Microsoft.AspNetCore.Diagnostics;
using Serverless.Studio.Pipeline;

namespace Serverless.Functions.Api;

/// <summary>Last line of defence: a failure is logged in full and answered without internals.</summary>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, message) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (413, ErrorCodes.InvalidParameters, "The request body is too large."),
            BadHttpRequestException bad => (bad.StatusCode, ErrorCodes.InvalidParameters, "The request could not be read."),
            Azure.RequestFailedException => (503, ErrorCodes.StorageFailed, "Storage is unavailable; try again shortly."),
            Microsoft.Azure.Cosmos.CosmosException => (503, ErrorCodes.StorageFailed, "The database is unavailable; try again shortly."),
            _ => (500, ErrorCodes.System, "Something went wrong on our side; it has been logged."),
        };
        if (status >= 500)
        {
            logger.LogError(exception, "Request {Method} {Path} failed", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        await httpContext.Response.WriteAsJsonAsync(ApiResults.Envelope(httpContext, code, message, null), cancellationToken);
        return true;
    }
}
