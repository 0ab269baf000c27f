using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serverless.Durable.Backend;
using Serverless.Durable.Client;
using Serverless.Durable.Worker;

namespace Serverless.Durable;

public static class DurableTaskServiceCollectionExtensions
{
    public static IServiceCollection AddDurableTask(this IServiceCollection services, Action<DurableTaskBuilder> configure)
    {
        var builder = new DurableTaskBuilder(services);
        configure(builder);
        var backend = builder.Backend
            ?? throw new InvalidOperationException("Choose a task hub backend: builder.UseAzureStorage(...) or builder.UseInMemory().");

        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(builder.Registry);
        services.AddSingleton(builder.Worker);
        services.AddSingleton(new DataConverter(builder.JsonOptions));
        services.AddSingleton(backend);
        services.AddSingleton<DurableTaskClient, TaskHubClient>();
        services.AddSingleton<OrchestrationEpisodeRunner>();
        services.AddSingleton<ActivityRunner>();
        if (builder.Worker.Enabled)
        {
            services.AddHostedService<DurableTaskWorker>();
        }

        return services;
    }
}
