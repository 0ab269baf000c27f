using System.Text.Json;
using DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.TaskHub;

public static class TaskHubServiceCollectionExtensions
{
    /// <summary>
    /// The task hub's storage engine and the <see cref="DurableTaskClient"/> over it, bound from <c>Durable</c> and
    /// validated at start. Payloads are JSON in <paramref name="json"/>'s shape, the same in orchestrations, activities
    /// and the client.
    /// </summary>
    public static IServiceCollection AddTaskHubClient(
        this IServiceCollection services, Func<IServiceProvider, TaskHubAccount> account, JsonSerializerOptions json)
    {
        services.AddOptions<TaskHubOptions>().BindConfiguration(TaskHubOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DataConverter>(new JsonDataConverter(json));
        services.AddSingleton(account);
        services.AddSingleton(sp => new AzureStorageOrchestrationService(Settings(
            sp.GetRequiredService<IOptions<TaskHubOptions>>().Value, sp.GetRequiredService<TaskHubAccount>(), sp.GetRequiredService<ILoggerFactory>())));
        services.AddSingleton<TaskHubClient>();
        services.AddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<TaskHubClient>());
        return services;
    }

    /// <summary>Measures the task hub's queue depths for the metrics exporter (meter <see cref="TaskHubMetrics.MeterName"/>).</summary>
    public static IServiceCollection AddTaskHubMetrics(this IServiceCollection services)
    {
        services.AddHostedService<TaskHubMetrics>();
        return services;
    }

    /// <summary>Runs <paramref name="registry"/>'s orchestrators and activities in this process (the local runner; tests).</summary>
    public static IServiceCollection AddTaskHubWorker(this IServiceCollection services, TaskHubRegistry registry)
    {
        services.AddSingleton(registry);
        services.AddHostedService<TaskHubWorkerService>();
        return services;
    }

    public static AzureStorageOrchestrationServiceSettings Settings(TaskHubOptions options, TaskHubAccount account, ILoggerFactory loggerFactory) => new()
    {
        TaskHubName = options.TaskHub,
        PartitionCount = options.PartitionCount,
        StorageAccountClientProvider = account.ClientProvider(),
        MaxQueuePollingInterval = options.MaxQueuePollingInterval,
        MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities ?? 10,
        MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
        ExtendedSessionsEnabled = options.ExtendedSessions,
        WorkItemQueueVisibilityTimeout = options.MessageVisibilityTimeout,
        ControlQueueVisibilityTimeout = options.MessageVisibilityTimeout,
        // A start under the id of a live instance is refused, not silently dropped.
        ThrowExceptionOnInvalidDedupeStatus = true,
        // One app version at a time locally; the app lease would only delay a restarted host by its lease interval.
        UseAppLease = false,
        LoggerFactory = loggerFactory,
    };
}
