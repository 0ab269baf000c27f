using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Studio.VideoTemplates;

public static class VideoTemplateServiceCollectionExtensions
{
    public static IServiceCollection AddVideoTemplates(this IServiceCollection services)
    {
        services.AddSingleton<VideoTemplateStore>();
        services.AddSingleton<VideoTemplateService>();
        return services;
    }
}
