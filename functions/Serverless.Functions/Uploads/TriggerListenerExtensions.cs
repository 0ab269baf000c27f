using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Functions.Catalog;
using Serverless.Studio.Catalog;
using Serverless.Studio.Uploads;

namespace Serverless.Functions.Uploads;

public static class TriggerListenerExtensions
{
    /// <summary>
    /// The standalone trigger listeners (upload poller, catalog timer). Under the Functions host neither runs: its
    /// blob and timer triggers call the same handlers through the invocation endpoints.
    /// </summary>
    public static IServiceCollection AddTriggerListeners(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<IUserDirectory, AccountUserDirectory>();
        var underFunctionsHost = !string.IsNullOrEmpty(configuration["FUNCTIONS_CUSTOMHANDLER_PORT"]);
        if (!underFunctionsHost && configuration.GetValue<bool>($"{UploadOptions.Section}:{nameof(UploadOptions.PollEnabled)}"))
        {
            services.AddHostedService<IncomingScriptPoller>();
        }

        if (!string.IsNullOrEmpty(configuration[$"{CatalogOptions.Section}:{nameof(CatalogOptions.SeedFolder)}"]))
        {
            services.AddHostedService<CatalogSeedOnStart>();
        }

        if (!underFunctionsHost && configuration.GetValue($"{CatalogOptions.Section}:{nameof(CatalogOptions.TimerEnabled)}", true))
        {
            services.AddHostedService<CatalogRefreshTimer>();
        }

        return services;
    }
}
