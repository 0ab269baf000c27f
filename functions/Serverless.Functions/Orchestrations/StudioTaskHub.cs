using Azure.Identity;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.Studio.Orchestrations;
using Serverless.Studio.Storage;
using Serverless.TaskHub;

namespace Serverless.Functions.Orchestrations;

public static class StudioTaskHub
{
    /// <summary>
    /// The task hub on the studio's storage account and its <see cref="Microsoft.DurableTask.Client.DurableTaskClient"/>;
    /// with <paramref name="runOrchestrations"/> (the local runner) this process also runs the studio's orchestrations and
    /// activities on the Durable Task Framework. Under the Functions host, Durable Functions runs them instead.
    /// </summary>
    public static IServiceCollection AddStudioTaskHub(this IServiceCollection services, bool runOrchestrations)
    {
        services.AddTaskHubClient(sp => Account(sp.GetRequiredService<IOptions<StorageOptions>>().Value), JobJson.Options);
        services.AddTaskHubMetrics();
        if (runOrchestrations)
        {
            services.AddTaskHubWorker(new TaskHubRegistry().Add(StudioOrchestrations.All));
        }

        return services;
    }

    // In Azure the hub is reached like the studio's blobs: the service URIs and the app's identity.
    private static TaskHubAccount Account(StorageOptions storage) =>
        string.IsNullOrEmpty(storage.ConnectionString)
            ? new TaskHubAccount(null, storage.BlobServiceUri, storage.QueueServiceUri, storage.TableServiceUri, new DefaultAzureCredential())
            : TaskHubAccount.FromConnectionString(storage.ConnectionString);
}
