using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Serverless.Functions.Api;
using Serverless.Studio.Accounts;
using Serverless.Studio.Pipeline;

namespace Serverless.Functions.Health;

/// <summary>
/// Who may read <c>/metrics</c>: it names our backing services and tenants' webhook hosts, so never anyone. With a
/// <see cref="Port"/> it is served on that port only (one the deployment keeps off the internet, for a scraper
/// beside the app) and needs no key; without one it needs the operator's key (an admin caller).
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    [Range(1, 65535)]
    public int? Port { get; set; }
}

public static class MetricsEndpoints
{
    public const string Path = "/metrics";

    /// <summary>Request and outbound-call metrics and the task hub's queue depths, exported for Prometheus.</summary>
    public static IServiceCollection AddMetricsExport(this IServiceCollection services)
    {
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddMeter(Serverless.TaskHub.TaskHubMetrics.MeterName)
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>Stands in front of <c>/metrics</c>: the metrics port, or the operator's key.</summary>
    public static IApplicationBuilder UseMetricsGate(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ApplicationServices.GetRequiredService<IOptions<MetricsOptions>>().Value;
        return app.UseWhen(http => http.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase), branch => branch.Use(async (http, next) =>
        {
            if (options.Port is { } port)
            {
                if (http.Connection.LocalPort == port)
                {
                    await next(http);
                }
                else
                {
                    await ApiResults.NotFound(http, "The resource").ExecuteAsync(http);
                }

                return;
            }

            var caller = await http.AuthenticateAsync();
            if (caller.Principal?.Identity?.IsAuthenticated != true)
            {
                await ApiResults.Error(http, StatusCodes.Status401Unauthorized, ErrorCodes.NotLoggedIn, "Metrics need the operator's API key.").ExecuteAsync(http);
            }
            else if (!caller.Principal.IsInRole(UserRoles.Admin))
            {
                await ApiResults.Error(http, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "Metrics are for the operator only.").ExecuteAsync(http);
            }
            else
            {
                await next(http);
            }
        }));
    }

    /// <summary><c>GET /metrics</c> in the Prometheus text format (behind <see cref="UseMetricsGate"/>).</summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder routes)
    {
        routes.MapPrometheusScrapingEndpoint(Path)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return routes;
    }
}
