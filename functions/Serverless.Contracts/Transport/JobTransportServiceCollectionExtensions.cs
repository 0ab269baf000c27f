using Azure.Core;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Contracts.Transport;

public static class JobTransportServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="IJobTransport"/> that <c>Transport:Kind</c> names: Service Bus over AMQP 1.0
    /// (<c>Transport:ServiceBus</c>; a SAS key, or without one the managed identity through
    /// <see cref="DefaultAzureCredential"/>, which reads <c>AZURE_CLIENT_ID</c>) or, by default, Storage queues from
    /// <paramref name="storageQueues"/>. The function app and the worker both call this, so they cannot disagree.
    /// </summary>
    public static IServiceCollection AddJobTransport(
        this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, QueueServiceClient> storageQueues)
    {
        services.AddOptions<TransportOptions>().BindConfiguration(TransportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (configuration[$"{TransportOptions.Section}:{nameof(TransportOptions.Kind)}"] == TransportOptions.ServiceBus)
        {
            services.AddOptions<AmqpTransportOptions>().BindConfiguration(AmqpTransportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
            services.AddSingleton<IJobTransport>(sp =>
            {
                var amqp = sp.GetRequiredService<IOptions<AmqpTransportOptions>>();
                TokenCredential? credential = amqp.Value.UsesTokenCredential ? new DefaultAzureCredential() : null;
                return new AmqpJobTransport(
                    amqp, credential, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetRequiredService<ILogger<AmqpJobTransport>>());
            });
        }
        else
        {
            services.AddSingleton<IJobTransport>(sp => new StorageQueueJobTransport(storageQueues(sp), sp.GetService<TimeProvider>()));
        }

        return services;
    }
}
