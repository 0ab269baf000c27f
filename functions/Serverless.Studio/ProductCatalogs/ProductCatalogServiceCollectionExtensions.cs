using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Studio.ProductCatalogs;

public static class ProductCatalogServiceCollectionExtensions
{
    /// <summary>Product catalogs: catalogs, products, their videos and ad results.</summary>
    public static IServiceCollection AddProductCatalogs(this IServiceCollection services)
    {
        services.AddOptions<ProductCatalogOptions>().BindConfiguration(ProductCatalogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ProductCatalogStore>();
        services.AddSingleton<ProductRowRules>();
        services.AddSingleton<ProductImport>();
        services.AddSingleton<ProductCatalogService>();
        services.AddSingleton<ProductPictures>();
        services.AddSingleton<ProductPictureWork>();
        services.AddSingleton<CatalogSourceRefresh>();
        services.AddSingleton<CatalogVideoStore>();
        services.AddSingleton<AdResultStore>();
        services.AddSingleton<AdResultImport>();
        services.AddSingleton<AdPerformance>();
        return services;
    }
}
