using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Serverless.Functions.Health;

/// <summary>Probes: the process is up (<c>/api/healthz</c>), and its dependencies answer (<c>/api/readyz</c>).</summary>
public sealed class HealthFunctions(CachedReadiness readiness)
{
    /// <summary>The process is up and serving (the local stack waits for it).</summary>
    [Function("Healthz")]
    [AllowAnonymous]
    public static IResult Alive([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "healthz")] HttpRequest req) => Results.Text("ok");

    /// <summary>
    /// 200 when blob storage, the Cosmos database and the durable task hub answer, else 503; each check's status and
    /// reason either way. Answered from a report at most <see cref="ReadinessOptions.CacheFor"/> old.
    /// </summary>
    [Function("Readyz")]
    [AllowAnonymous]
    public async Task<IResult> ReadyAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "readyz")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        var report = await readiness.CheckAsync(req.HttpContext.RequestAborted);
        var body = new
        {
            status = report.Status == HealthStatus.Healthy ? "ready" : "not_ready",
            duration_ms = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString().ToLowerInvariant(),
                // A failing dependency's exception type only: the page is anonymous and messages can carry endpoints.
                description = e.Value.Description ?? e.Value.Exception?.GetType().Name,
                duration_ms = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
            }),
        };
        return Results.Json(body, statusCode: report.Status == HealthStatus.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
