using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Serverless.Functions.Accounts;
using Serverless.Functions.Api;
using Serverless.Functions.Assets;
using Serverless.Functions.Characters;
using Serverless.Functions.Catalog;
using Serverless.Functions.Auth;
using Serverless.Functions.FunctionsHost;
using Serverless.Functions.Health;
using Serverless.Functions.Orchestrations;
using Serverless.Functions.Projects;
using Serverless.Functions.Shots;
using Serverless.Functions.Subtitles;
using Serverless.Functions.Tasks;
using Serverless.Functions.Uploads;
using Serverless.Functions.Videos;
using Serverless.Functions.Webhooks;
using Serverless.Studio;

namespace Serverless.Functions;

public static class ApplicationServiceExtensions
{
    /// <summary>Largest request body accepted, in bytes.</summary>
    public const long MaxRequestBodyBytes = 10 * 1024 * 1024;

    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        if (Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") is { Length: > 0 } port)
        {
            // Under the Azure Functions host, the host owns the public port and forwards to this one.
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }

        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddProblemDetails();
        builder.AddAccounts();
        builder.Services.AddStudio(builder.Configuration);
        builder.Services.AddStudioTaskHub(runOrchestrations: true);
        builder.Services.AddTriggerListeners(builder.Configuration);
        builder.Services.AddOpenApi(o => o.AddApiSecuritySchemes());
        builder.Services.AddReadiness();
        builder.Services.AddMetricsExport();
        builder.Services.AddFunctionsHost();
        return builder;
    }

    public static WebApplication MapStudioApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapHealthApi();
        app.MapAccountsApi();
        app.MapVideosApi();
        app.MapTasksApi();
        app.MapWebhooksApi();
        app.MapUploadsApi();
        app.MapAudioApi();
        app.MapProjectsApi();
        app.MapProjectWorkspaceApi();
        app.MapCharactersApi();
        app.MapAssetsApi();
        app.MapShotsApi();
        app.MapSubtitlesApi();
        app.MapReadiness();
        app.MapMetrics();
        app.MapOpenApi();
        Scalar.AspNetCore.ScalarEndpointRouteBuilderExtensions.MapScalarApiReference(app);
        app.MapFunctionsHost();
        return app;
    }
}
