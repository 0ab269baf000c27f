using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Core = DurableTask.Core;
using PurgeResult = Microsoft.DurableTask.Client.PurgeResult;
using CoreQuery = DurableTask.Core.Query.OrchestrationQuery;

namespace Serverless.TaskHub;

/// <summary>
/// The Durable Task SDK's client over the Durable Task Framework's Azure Storage client: the task hub is reached
/// directly through its storage account, as Durable Functions' own host does. Functions, services and tests all take
/// <see cref="DurableTaskClient"/>; this is the one implementation (the SDK's OrchestrationServiceClientShim package,
/// which does the same, is not on the feed).
/// </summary>
public sealed class TaskHubClient(AzureStorageOrchestrationService service, DataConverter converter) : DurableTaskClient("studio")
{
    private static readonly Core.OrchestrationStatus[] LiveStatuses =
        [Core.OrchestrationStatus.Pending, Core.OrchestrationStatus.Running, Core.OrchestrationStatus.Suspended];

    /// <summary>Starts an instance; an id whose instance is still pending, running or suspended is refused with <see cref="InvalidOperationException"/>.</summary>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var instance = new OrchestrationInstance
        {
            InstanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N"),
            ExecutionId = Guid.NewGuid().ToString("N"),
        };
        var message = new TaskMessage
        {
            OrchestrationInstance = instance,
            Event = new ExecutionStartedEvent(-1, converter.Serialize(input))
            {
                Name = orchestratorName.Name,
                Version = options?.Version?.ToString() ?? string.Empty,
                OrchestrationInstance = instance,
                ScheduledStartTime = options?.StartAt?.UtcDateTime,
                Tags = options?.Tags?.ToDictionary(t => t.Key, t => t.Value) ?? [],
            },
        };
        try
        {
            await service.CreateTaskOrchestrationAsync(message, LiveStatuses);
        }
        catch (OrchestrationAlreadyExistsException e)
        {
            throw new InvalidOperationException($"Instance {instance.InstanceId} is already running: {e.Message}", e);
        }

        return instance.InstanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new EventRaisedEvent(-1, converter.Serialize(eventPayload)) { Name = eventName }, cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionSuspendedEvent(-1, reason), cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new ExecutionResumedEvent(-1, reason), cancellation);

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        return service.ForceTerminateTaskOrchestrationAsync(instanceId, options?.Output is string text ? text : converter.Serialize(options?.Output));
    }

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var states = await service.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: getInputsAndOutputs);
        return states is { Count: > 0 } ? ToMetadata(states[0], getInputsAndOutputs) : null;
    }

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        Pageable.Create(async (continuation, pageSize, cancellation) =>
        {
            var query = new CoreQuery
            {
                RuntimeStatus = filter?.Statuses?.Select(s => (Core.OrchestrationStatus)s).ToList(),
                CreatedTimeFrom = filter?.CreatedFrom?.UtcDateTime,
                CreatedTimeTo = filter?.CreatedTo?.UtcDateTime,
                PageSize = pageSize ?? filter?.PageSize ?? OrchestrationQuery.DefaultPageSize,
                ContinuationToken = continuation ?? filter?.ContinuationToken,
                InstanceIdPrefix = filter?.InstanceIdPrefix,
                FetchInputsAndOutputs = filter?.FetchInputsAndOutputs ?? false,
            };
            var result = await service.GetOrchestrationWithQueryAsync(query, cancellation);
            return new Page<OrchestrationMetadata>(
                result.OrchestrationState.Select(s => ToMetadata(s, query.FetchInputsAndOutputs)).ToList(), result.ContinuationToken);
        });

    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            var instance = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation)
                ?? throw new InvalidOperationException($"Instance {instanceId} does not exist.");
            if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Pending)
            {
                return instance;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellation);
        }
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        var state = await service.WaitForOrchestrationAsync(instanceId, executionId: null!, Timeout.InfiniteTimeSpan, cancellation)
            ?? throw new InvalidOperationException($"Instance {instanceId} does not exist.");
        return ToMetadata(state, getInputsAndOutputs);
    }

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        if (await GetInstancesAsync(instanceId, cancellation: cancellation) is not { } instance)
        {
            return new PurgeResult(0);
        }

        if (!instance.IsCompleted)
        {
            throw new InvalidOperationException($"Instance {instanceId} is {instance.RuntimeStatus}; only a finished instance can be purged.");
        }

        var purged = await ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(instanceId);
        return new PurgeResult(purged.DeletedInstanceCount);
    }

    public override async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        var purged = await ((IOrchestrationServicePurgeClient)service).PurgeInstanceStateAsync(new PurgeInstanceFilter(
            filter.CreatedFrom?.UtcDateTime ?? DateTime.MinValue, filter.CreatedTo?.UtcDateTime, filter.Statuses?.Select(s => (Core.OrchestrationStatus)s)));
        return new PurgeResult(purged.DeletedInstanceCount);
    }

    /// <summary>The current execution's history as DTFx stores it (JSON with type names), for <c>serverless durable replay</c>.</summary>
    public async Task<string?> GetHistoryJsonAsync(string instanceId, CancellationToken cancellation = default)
    {
        if (await GetInstancesAsync(instanceId, cancellation: cancellation) is null)
        {
            return null;
        }

        var states = await service.GetOrchestrationStateAsync(instanceId, allExecutions: false, fetchInput: false);
        return await service.GetOrchestrationHistoryAsync(instanceId, states[0].OrchestrationInstance.ExecutionId);
    }

    public override ValueTask DisposeAsync() => default;

    private Task SendAsync(string instanceId, HistoryEvent @event, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        return service.SendTaskOrchestrationMessageAsync(new TaskMessage { OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId }, Event = @event });
    }

    private OrchestrationMetadata ToMetadata(Core.OrchestrationState state, bool withPayloads) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = converter,
            RuntimeStatus = (OrchestrationRuntimeStatus)state.OrchestrationStatus,
            CreatedAt = state.CreatedTime,
            LastUpdatedAt = state.LastUpdatedTime,
            SerializedInput = withPayloads ? state.Input : null,
            SerializedOutput = withPayloads ? state.Output : null,
            SerializedCustomStatus = state.Status,
            FailureDetails = state.FailureDetails is { } failure ? ToDetails(failure) : null,
        };

    private static TaskFailureDetails ToDetails(Core.FailureDetails failure) =>
        new(failure.ErrorType, failure.ErrorMessage, failure.StackTrace, failure.InnerFailure is { } inner ? ToDetails(inner) : null, null);
}
