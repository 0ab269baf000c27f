using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Studio.ProductCatalogs;

public static class ProductCatalogServiceCollectionExtensions
{
    /// <summary>Product catalogs: catalogs, products, their videos and ad results.</summary>
    public static IServiceCollection AddProductCatalogs(this IServiceCollection services)
    {
        services.AddSingleton<ProductCatalogStore>();
        services.AddSingleton<CatalogVideoStore>();
        services.AddSingleton<AdResultStore>();
        return services;
    }
}
