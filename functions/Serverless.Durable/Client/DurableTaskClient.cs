using Serverless.Durable.History;

namespace Serverless.Durable;

public abstract class DurableTaskClient
{
    /// <summary>Starts an instance; returns its id. A caller-chosen id of a running instance is refused (InvalidOperationException).</summary>
    public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default);

    public abstract Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    /// <summary>Like <see cref="GetInstanceAsync"/>, with the current execution's history.</summary>
    public abstract Task<OrchestrationMetadata?> GetInstanceWithHistoryAsync(string instanceId, CancellationToken cancellation = default);

    public abstract Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default);

    public abstract Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default);

    public abstract Task TerminateInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    public abstract Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    public abstract Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default);

    /// <summary>Deletes a finished instance's state and history; false when there was nothing to purge.</summary>
    public abstract Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default);

    /// <summary>Purges every finished instance the query matches; returns how many.</summary>
    public abstract Task<int> PurgeInstancesAsync(InstanceQuery query, CancellationToken cancellation = default);

    public abstract Task<InstanceQueryResult> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellation = default);

    /// <summary>Poison messages moved to the quarantine queue, with the reason (oldest first, at most 32).</summary>
    public abstract Task<IReadOnlyList<QuarantinedMessageInfo>> GetQuarantinedMessagesAsync(CancellationToken cancellation = default);

    public abstract Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellation = default);
}
