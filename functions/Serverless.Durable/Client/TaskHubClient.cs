using Serverless.Durable.Backend;
using Serverless.Durable.History;
using Serverless.Durable.Messaging;

namespace Serverless.Durable.Client;

/// <summary>The client over a task hub's backend; control operations are messages to the instance.</summary>
internal sealed class TaskHubClient(IOrchestrationBackend backend, DataConverter converter, TimeProvider time) : DurableTaskClient
{
    private readonly SemaphoreSlim _hubReady = new(1, 1);
    private bool _hubCreated;

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName);
        await EnsureHubAsync(cancellation);
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var executionId = Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow();
        var serialized = converter.Serialize(input);
        await backend.CreateInstanceAsync(
            new InstanceRecord(instanceId, orchestratorName, executionId, OrchestrationRuntimeStatus.Pending, now, now, serialized, null, null, null),
            cancellation);
        var startAt = options?.StartAt?.UtcDateTime;
        var started = new ExecutionStartedEvent(now.UtcDateTime, orchestratorName, serialized, executionId, null, startAt);
        await backend.SendAsync(
            new OutboundMessage(new TaskMessage(executionId, instanceId, executionId, started), MessageDestination.Orchestration, startAt),
            cancellation);
        return instanceId;
    }

    public override async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        await EnsureHubAsync(cancellation);
        var record = await backend.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation);
        return record is null ? null : ToMetadata(record, getInputsAndOutputs, null);
    }

    public override async Task<OrchestrationMetadata?> GetInstanceWithHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        await EnsureHubAsync(cancellation);
        var record = await backend.GetInstanceAsync(instanceId, true, cancellation);
        return record is null ? null : ToMetadata(record, true, await backend.GetHistoryAsync(instanceId, cancellation));
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        return SendToInstanceAsync(instanceId, new EventRaisedEvent(time.GetUtcNow().UtcDateTime, eventName, converter.Serialize(eventPayload)), cancellation);
    }

    public override Task TerminateInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendToInstanceAsync(instanceId, new ExecutionTerminatedEvent(time.GetUtcNow().UtcDateTime, reason), cancellation);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendToInstanceAsync(instanceId, new ExecutionSuspendedEvent(time.GetUtcNow().UtcDateTime, reason), cancellation);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendToInstanceAsync(instanceId, new ExecutionResumedEvent(time.GetUtcNow().UtcDateTime, reason), cancellation);

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        var poll = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            // Subscribe before reading so a completion between the read and the wait is not missed.
            var changed = backend.WaitForChangeAsync(instanceId, poll, cancellation);
            var instance = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation)
                ?? throw new InvalidOperationException($"No instance '{instanceId}' exists.");
            if (instance.IsCompleted)
            {
                return instance;
            }

            await changed;
            // Local completions wake the wait at once; the poll is for workers in other processes.
            poll = TimeSpan.FromMilliseconds(Math.Min(poll.TotalMilliseconds * 2, 2000));
        }
    }

    public override async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default)
    {
        await EnsureHubAsync(cancellation);
        var record = await backend.GetInstanceAsync(instanceId, false, cancellation);
        if (record is null)
        {
            return false;
        }

        if (record.IsRunning)
        {
            throw new InvalidOperationException($"Instance '{instanceId}' is {record.Status}; terminate it before purging.");
        }

        return await backend.PurgeAsync(instanceId, cancellation);
    }

    public override async Task<int> PurgeInstancesAsync(InstanceQuery query, CancellationToken cancellation = default)
    {
        var purged = 0;
        var page = query with { ContinuationToken = null, FetchInputsAndOutputs = false };
        while (true)
        {
            var result = await QueryInstancesAsync(page, cancellation);
            foreach (var instance in result.Instances.Where(i => i.IsCompleted))
            {
                purged += await backend.PurgeAsync(instance.InstanceId, cancellation) ? 1 : 0;
            }

            if (result.ContinuationToken is null)
            {
                return purged;
            }

            page = page with { ContinuationToken = result.ContinuationToken };
        }
    }

    public override async Task<InstanceQueryResult> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellation = default)
    {
        await EnsureHubAsync(cancellation);
        var (records, token) = await backend.QueryAsync(query, cancellation);
        return new InstanceQueryResult(records.Select(r => ToMetadata(r, query.FetchInputsAndOutputs, null)).ToList(), token);
    }

    public override async Task<IReadOnlyList<QuarantinedMessageInfo>> GetQuarantinedMessagesAsync(CancellationToken cancellation = default)
    {
        await EnsureHubAsync(cancellation);
        return await backend.GetQuarantineAsync(cancellation);
    }

    public override async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        await EnsureHubAsync(cancellation);
        return await backend.GetHistoryAsync(instanceId, cancellation);
    }

    private async Task SendToInstanceAsync(string instanceId, HistoryEvent historyEvent, CancellationToken cancellation)
    {
        await EnsureHubAsync(cancellation);
        _ = await backend.GetInstanceAsync(instanceId, false, cancellation)
            ?? throw new InvalidOperationException($"No instance '{instanceId}' exists.");
        await backend.SendAsync(new OutboundMessage(TaskMessage.Create(instanceId, null, historyEvent), MessageDestination.Orchestration), cancellation);
    }

    private OrchestrationMetadata ToMetadata(InstanceRecord record, bool withPayloads, IReadOnlyList<HistoryEvent>? history) =>
        new(record.Name, record.InstanceId, converter.Options)
        {
            RuntimeStatus = record.Status,
            CreatedAt = record.CreatedAt,
            LastUpdatedAt = record.LastUpdatedAt,
            SerializedInput = withPayloads ? record.Input : null,
            SerializedOutput = withPayloads ? record.Output : null,
            SerializedCustomStatus = record.CustomStatus,
            FailureDetails = record.Failure,
            History = history,
        };

    private async Task EnsureHubAsync(CancellationToken cancellation)
    {
        if (_hubCreated)
        {
            return;
        }

        await _hubReady.WaitAsync(cancellation);
        try
        {
            if (!_hubCreated)
            {
                await backend.CreateIfNotExistsAsync(cancellation);
                _hubCreated = true;
            }
        }
        finally
        {
            _hubReady.Release();
        }
    }
}
