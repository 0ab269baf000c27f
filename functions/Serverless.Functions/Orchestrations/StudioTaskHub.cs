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
    /// The task hub on the studio's storage account, its <see cref="Microsoft.DurableTask.Client.DurableTaskClient"/> and
    /// its queue depths. The client reaches the hub through its storage, as Durable Functions' own host does, so services
    /// take it from DI in both hosts; the isolated worker's [DurableClient] binding cannot be injected into them
    /// (azure-functions-durable-extension#2736).
    /// </summary>
    public static IServiceCollection AddStudioTaskHub(this IServiceCollection services)
    {
        services.AddTaskHubClient(sp => Account(sp.GetRequiredService<IOptions<StorageOptions>>().Value), JobJson.Options);
        services.AddTaskHubMetrics();
        return services;
    }

    /// <summary>
    /// Runs the studio's orchestrations and activities in this process on the Durable Task Framework (the local runner);
    /// under the Functions host, Durable Functions runs them through <see cref="OrchestrationFunctions"/> and
    /// <see cref="ActivityFunctions"/> instead.
    /// </summary>
    public static IServiceCollection AddStudioOrchestrations(this IServiceCollection services) =>
        services.AddTaskHubWorker(new TaskHubRegistry().Add(StudioOrchestrations.All));

    // In Azure the hub is reached like the studio's blobs: the service URIs and the app's identity.
    private static TaskHubAccount Account(StorageOptions storage) =>
        string.IsNullOrEmpty(storage.ConnectionString)
            ? new TaskHubAccount(null, storage.BlobServiceUri, storage.QueueServiceUri, storage.TableServiceUri, new DefaultAzureCredential())
            : TaskHubAccount.FromConnectionString(storage.ConnectionString);
}
