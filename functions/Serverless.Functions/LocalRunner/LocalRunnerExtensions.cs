using Serverless.Functions.Accounts;
using Serverless.Functions.Api;
using Microsoft.Extensions.Options;
using Serverless.Functions.Catalog;
using Serverless.Functions.Health;
using Serverless.Functions.Hosting;
using Serverless.Functions.Orchestrations;
using Serverless.Functions.Studio;
using Serverless.Functions.Uploads;
using Serverless.Studio.Catalog;
using Serverless.Studio.Footage;
using Serverless.Studio.Uploads;

namespace Serverless.Functions.LocalRunner;

/// <summary>
/// The app without the Functions host: ASP.NET Core serves every HTTP function on its host path, small hosted
/// services feed the blob, timer and queue triggers, the Durable Task Framework runs the orchestrations and activities
/// in process, and the routes the host would own in Azure (metrics, the OpenAPI document and its reference page) are
/// mapped as plain endpoints, and the studio in the browser is served at <c>/</c> (<see cref="StudioWebApp"/>).
/// </summary>
public static class LocalRunnerExtensions
{
    public static WebApplicationBuilder AddLocalRunner(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = RequestBodyLimit.ServerLimit);
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddApplicationServices(configuration);
        services.AddStudioOrchestrations();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddProblemDetails();
        services.AddOpenApi(o => o.AddApiSecuritySchemes());
        services.AddSingleton(FunctionCatalog.ForApp);
        if (configuration.GetValue<bool>($"{UploadOptions.Section}:{nameof(UploadOptions.PollEnabled)}"))
        {
            // Added, not TryAdd-ed: one poller per drop container.
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<IncomingBlobPoller>(sp, new IncomingWatch(
                sp.GetRequiredService<IOptions<UploadOptions>>().Value.Container, UploadFunctions.IncomingScript, IncomingScriptProcessor.IsSidecar)));
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<IncomingBlobPoller>(sp, new IncomingWatch(
                sp.GetRequiredService<IOptions<FootageOptions>>().Value.IncomingContainer, UploadFunctions.IncomingFootage, _ => false)));
        }

        if (configuration.GetValue($"{CatalogOptions.Section}:{nameof(CatalogOptions.TimerEnabled)}", true))
        {
            services.AddHostedService<CatalogRefreshTimer>();
        }

        services.AddQueueTriggerFeeds(FunctionCatalog.ForApp);
        return builder;
    }

    public static WebApplication MapLocalRunner(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // First, so everything after sees the caller's address; only the configured proxies are believed. ASP.NET Core's
        // middleware believes any header on a connection without a peer address (in-process servers), so those skip it.
        var forwarded = app.Services.GetRequiredService<TrustedProxies>().AspNetCoreOptions();
        app.UseWhen(http => http.Connection.RemoteIpAddress is not null, branch => branch.UseForwardedHeaders(forwarded));
        app.UseExceptionHandler();
        app.UseEnvelopedStatusPages();
        app.UseRequestBodyLimit();
        // Before authentication, which would otherwise look a guessed API key up first (the gate does the same in the Functions host).
        var rateLimit = app.Services.GetRequiredService<CallerRateLimit>();
        app.Use(async (http, next) =>
        {
            if (await rateLimit.TryLookUpKeyAsync(http))
            {
                await next(http);
            }
        });
        app.UseAuthentication();
        app.UseMetricsGate();
        app.MapStudio();
        app.MapFunctions(app.Services.GetRequiredService<FunctionCatalog>());
        app.MapMetrics();
        app.MapOpenApi();
        Scalar.AspNetCore.ScalarEndpointRouteBuilderExtensions.MapScalarApiReference(app);
        return app;
    }
}
