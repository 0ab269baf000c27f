using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Durable.AzureStorage;

namespace Serverless.Durable;

public static class AzureStorageBuilderExtensions
{
    /// <summary>Keeps the task hub in Azure Storage tables, queues and blobs (Azurite locally).</summary>
    public static DurableTaskBuilder UseAzureStorage(this DurableTaskBuilder builder, Action<AzureStorageOptions> configure)
    {
        var options = new AzureStorageOptions();
        configure(options);
        return builder.UseBackend(sp => new AzureStorageBackend(options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
    }
}
