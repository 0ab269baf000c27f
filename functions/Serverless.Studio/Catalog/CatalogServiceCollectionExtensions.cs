using Cronos;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Studio.Uploads;

namespace Serverless.Studio.Catalog;

public static class CatalogServiceCollectionExtensions
{
    /// <summary>The catalog refresh and the upload trigger's handler (the triggers themselves live in the function app).</summary>
    public static IServiceCollection AddCatalogAndUploads(this IServiceCollection services)
    {
        services.AddOptions<CatalogOptions>().BindConfiguration(CatalogOptions.Section).ValidateDataAnnotations()
            .Validate(o => CronExpression.TryParse(o.Schedule, CronFormat.IncludeSeconds, out _), "Catalog:Schedule is a six-field cron expression (with seconds).")
            .ValidateOnStart();
        services.AddSingleton<CatalogStore>();
        services.AddSingleton<MusicLibrary>();
        services.AddSingleton<SoundEffectLibrary>();
        services.AddSingleton<CatalogRefresher>();
        services.AddSingleton<CatalogRefreshSingleton>();
        services.AddSingleton<CatalogSeed>();

        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UploadReceiptStore>();
        services.AddSingleton<IncomingUploads>();
        services.AddSingleton<IncomingScriptProcessor>();
        return services;
    }
}
