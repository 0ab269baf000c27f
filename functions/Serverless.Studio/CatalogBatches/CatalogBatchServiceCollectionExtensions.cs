using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Studio.CatalogBatches;

public static class CatalogBatchServiceCollectionExtensions
{
    public static IServiceCollection AddCatalogBatches(this IServiceCollection services)
    {
        services.AddOptions<CatalogBatchOptions>().BindConfiguration(CatalogBatchOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CatalogBatchService>();
        services.AddSingleton<ProductScriptStore>();
        return services;
    }
}
