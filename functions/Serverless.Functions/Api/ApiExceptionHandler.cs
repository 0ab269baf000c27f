using Microsoft.AspNetCore.Diagnostics;
using Serverless.Studio.Accounts;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Providers.Ledger;

namespace Serverless.Functions.Api;

/// <summary>Last line of defence: a failure is logged in full and answered without internals.</summary>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is QuotaExceededException quota)
        {
            // Thrown by whatever starts a video, so every way in answers the same.
            httpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
            var data = Accounts.AccountFunctions.QuotaView(quota.Status);
            var exceeded = $"Quota exceeded: {quota.Message}";
            await httpContext.Response.WriteAsJsonAsync(ApiResults.Envelope(httpContext, ErrorCodes.QuotaExceeded, exceeded, data), cancellationToken);
            return true;
        }

        if (exception is BudgetExceededException budget)
        {
            // Thrown before a video starts when its estimate is over its budget: nothing was called or charged.
            httpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
            await httpContext.Response.WriteAsJsonAsync(ApiResults.Envelope(httpContext, ErrorCodes.BudgetExceeded, budget.Message, null), cancellationToken);
            return true;
        }

        if (exception is TooManyRunningTasksException busy)
        {
            var seconds = (int)Math.Ceiling(busy.RetryAfter.TotalSeconds);
            httpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await httpContext.Response.WriteAsJsonAsync(ApiResults.Envelope(httpContext, ErrorCodes.QuotaExceeded, busy.Message,
                new { plan = busy.Plan, max_running_tasks = busy.Limit, retry_after_seconds = seconds }), cancellationToken);
            return true;
        }

        var (status, code, message) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (413, ErrorCodes.InvalidParameters, "The request body is too large."),
            BadHttpRequestException bad => (bad.StatusCode, ErrorCodes.InvalidParameters, "The request could not be read."),
            // A blob a record points at is gone: the resource was deleted while this request read it (a delete removes
            // the blobs before the record). That is the caller's 404, not an outage.
            Azure.RequestFailedException { Status: 404 } => (404, ErrorCodes.NotFound, "The resource was not found (it may just have been deleted)."),
            Microsoft.Azure.Cosmos.CosmosException { StatusCode: System.Net.HttpStatusCode.NotFound } => (404, ErrorCodes.NotFound, "The resource was not found (it may just have been deleted)."),
            // Chat has no offline model: no provider of the model is the caller's to fix, every one failing is ours.
            Serverless.Studio.Providers.Fallback.ChatUnavailableException { NoModel: true } chat => (409, ErrorCodes.NoChatModel, chat.Message),
            Serverless.Studio.Providers.Fallback.ChatUnavailableException chat => (502, ErrorCodes.GenerationFailed, chat.Message),
            Azure.RequestFailedException => (503, ErrorCodes.StorageFailed, "Storage is unavailable; try again shortly."),
            Microsoft.Azure.Cosmos.CosmosException => (503, ErrorCodes.StorageFailed, "The database is unavailable; try again shortly."),
            _ => (500, ErrorCodes.System, "Something went wrong on our side; it has been logged."),
        };
        if (status >= 500)
        {
            logger.LogError(exception, "Request {Method} {Path} failed", httpContext.Request.Method, httpContext.Request.Path);
        }
        else if (status == StatusCodes.Status404NotFound)
        {
            logger.LogWarning(exception, "Request {Method} {Path} met a record without its data", httpContext.Request.Method, httpContext.Request.Path);
        }

        httpContext.Response.StatusCode = status;
        await httpContext.Response.WriteAsJsonAsync(ApiResults.Envelope(httpContext, code, message, null), cancellationToken);
        return true;
    }
}
