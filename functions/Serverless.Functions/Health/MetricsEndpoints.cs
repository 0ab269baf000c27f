using OpenTelemetry.Metrics;

namespace Serverless.Functions.Health;

public static class MetricsEndpoints
{
    /// <summary>Request and outbound-call metrics and the task hub's queue depths, exported for Prometheus.</summary>
    public static IServiceCollection AddMetricsExport(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddMeter(Serverless.TaskHub.TaskHubMetrics.MeterName)
            .AddPrometheusExporter());
        return services;
    }

    /// <summary><c>GET /metrics</c> in the Prometheus text format.</summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder routes)
    {
        routes.MapPrometheusScrapingEndpoint("/metrics")
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return routes;
    }
}
