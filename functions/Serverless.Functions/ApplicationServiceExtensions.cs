using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Serverless.Functions.Accounts;
using Serverless.Functions.Api;
using Serverless.Functions.Catalog;
using Serverless.Functions.Health;
using Serverless.Functions.Orchestrations;
using Serverless.Functions.Uploads;
using Serverless.Studio;
using Serverless.Studio.Catalog;
using Serverless.Studio.Uploads;

namespace Serverless.Functions;

public static class ApplicationServiceExtensions
{
    /// <summary>Largest request body accepted, in bytes.</summary>
    public const long MaxRequestBodyBytes = 10 * 1024 * 1024;

    /// <summary>
    /// Largest product import (or catalog source file) body, in bytes: 50,000 product rows with picture URLs and selling points need more than
    /// <see cref="MaxRequestBodyBytes"/>, and the import streams, so its size costs no memory.
    /// </summary>
    public const long MaxImportBodyBytes = 32 * 1024 * 1024;

    /// <summary>The body limit of a request to this path.</summary>
    public static long MaxBodyBytesFor(PathString path) =>
        path.StartsWithSegments("/api/v1/catalogs", StringComparison.Ordinal)
        && (path.Value!.EndsWith("/import", StringComparison.Ordinal) || path.Value.EndsWith("/source", StringComparison.Ordinal))
            ? MaxImportBodyBytes
            : MaxRequestBodyBytes;

    /// <summary>What the functions need, the same under the Functions host and in the local runner.</summary>
    public static IServiceCollection AddApplicationServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
        services.AddSingleton<ApiExceptionHandler>();
        services.AddSingleton<ApiGate>();
        services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.Section).ValidateDataAnnotations()
            .Validate(o => o.Unreadable() is null, "ForwardedHeaders:KnownProxies and KnownNetworks take IP addresses and CIDR networks.")
            .ValidateOnStart();
        services.AddSingleton<TrustedProxies>();
        services.AddOptions<Hosting.SecretSettings>().Configure(settings => Hosting.SecretSettings.Collect(settings, configuration)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Hosting.SecretSettings>, Hosting.SecretSettingsValidation>();
        services.AddAccounts();
        services.AddStudio(configuration);
        services.AddStudioTaskHub();
        services.AddSingleton<IUserDirectory, AccountUserDirectory>();
        if (!string.IsNullOrEmpty(configuration[$"{CatalogOptions.Section}:{nameof(CatalogOptions.SeedFolder)}"]))
        {
            services.AddHostedService<CatalogSeedOnStart>();
        }

        services.AddReadiness();
        services.AddMetricsExport();
        return services;
    }
}
