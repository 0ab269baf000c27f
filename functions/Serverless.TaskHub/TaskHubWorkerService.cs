using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Serverless.TaskHub;

/// <summary>
/// Runs the registered portable orchestrators and activities on the Durable Task Framework's <see cref="TaskHubWorker"/>
/// in this process: the local runner's engine (in Azure, the Functions host runs them through their trigger functions).
/// Each execution gets a fresh instance from DI, as Durable Functions gives each invocation.
/// </summary>
public sealed class TaskHubWorkerService(
    AzureStorageOrchestrationService service,
    TaskHubRegistry registry,
    DataConverter converter,
    IServiceProvider services,
    ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<TaskHubWorkerService>();
    private TaskHubWorker? _worker;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = converter }, loggerFactory);
        var worker = new TaskHubWorker(service, loggerFactory)
        {
            // The portable classes read failures as FailureDetails (TaskFailedException.FailureDetails), not serialized exceptions.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        new TaskHubTimings(loggerFactory).Attach(worker);
        foreach (var (name, type) in registry.Orchestrators)
        {
            worker.AddTaskOrchestrations(new Creator<TaskOrchestration>(name, () =>
                shims.CreateOrchestration(name, (ITaskOrchestrator)ActivatorUtilities.CreateInstance(services, type))));
        }

        foreach (var (name, type) in registry.Activities)
        {
            worker.AddTaskActivities(new Creator<TaskActivity>(name, () =>
                shims.CreateActivity(name, (ITaskActivity)ActivatorUtilities.CreateInstance(services, type))));
        }

        await worker.StartAsync();
        _worker = worker;
        _logger.LogInformation(
            "Task hub running {Orchestrators} orchestrators and {Activities} activities", registry.Orchestrators.Count, registry.Activities.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_worker is { } worker)
        {
            _worker = null;
            // Forced: work items in flight are abandoned and come back to the next host (activities run at least once anyway).
            await worker.StopAsync(isForced: true).WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_worker is { } worker)
        {
            await worker.StopAsync(isForced: true);
        }
    }

    private sealed class Creator<T> : ObjectCreator<T>
    {
        private readonly Func<T> _create;

        public Creator(string name, Func<T> create)
        {
            Name = name;
            Version = string.Empty;
            _create = create;
        }

        public override T Create() => _create();
    }
}
