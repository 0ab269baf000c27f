using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Serverless.Functions.Health;

public static class ReadinessEndpoints
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The dependencies a request needs: blob storage, the Cosmos database, the durable task hub.</summary>
    public static IServiceCollection AddReadiness(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<BlobStorageCheck>("blob_storage", timeout: CheckTimeout)
            .AddCheck<CosmosDatabaseCheck>("cosmos", timeout: CheckTimeout)
            .AddCheck<TaskHubCheck>("task_hub", timeout: CheckTimeout);
        return services;
    }

    /// <summary><c>/readyz</c>: 200 when every check passes, else 503; each check's status and reason either way.</summary>
    public static IEndpointRouteBuilder MapReadiness(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/readyz", new HealthCheckOptions { ResponseWriter = WriteAsync })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return routes;
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
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
        http.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(http.Response.Body, body, cancellationToken: http.RequestAborted);
    }
}
