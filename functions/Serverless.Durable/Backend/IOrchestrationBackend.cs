using Serverless.Durable.History;
using Serverless.Durable.Messaging;

namespace Serverless.Durable.Backend;

/// <summary>Where a task hub keeps its state and messages: Azure Storage, or memory for tests.</summary>
internal interface IOrchestrationBackend : IAsyncDisposable
{
    /// <summary>How often a running activity's message must be kept invisible.</summary>
    TimeSpan ActivityRenewalInterval { get; }

    Task CreateIfNotExistsAsync(CancellationToken cancellation);

    Task DeleteAsync(CancellationToken cancellation);

    /// <summary>Starts taking work from queues (the worker side).</summary>
    Task StartAsync(CancellationToken cancellation);

    /// <summary>Stops taking work; messages of unfinished work become visible again.</summary>
    Task StopAsync(CancellationToken cancellation);

    /// <summary>Writes a Pending instance row; refuses (InvalidOperationException) when the id is in use by a running instance.</summary>
    Task CreateInstanceAsync(InstanceRecord instance, CancellationToken cancellation);

    Task SendAsync(OutboundMessage message, CancellationToken cancellation);

    Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellation);

    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellation);

    Task<(IReadOnlyList<InstanceRecord> Instances, string? ContinuationToken)> QueryAsync(InstanceQuery query, CancellationToken cancellation);

    Task<bool> PurgeAsync(string instanceId, CancellationToken cancellation);

    /// <summary>Messages moved aside as poison, oldest first (at most 32).</summary>
    Task<IReadOnlyList<QuarantinedMessageInfo>> GetQuarantineAsync(CancellationToken cancellation);

    Task<OrchestrationWorkItem> LockNextOrchestrationWorkItemAsync(CancellationToken cancellation);

    /// <summary>Commits an episode; throws <see cref="OrchestrationConflictException"/> when another writer won.</summary>
    Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, EpisodeCommit commit, CancellationToken cancellation);

    Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan delay, CancellationToken cancellation);

    Task<ActivityWorkItem> LockNextActivityWorkItemAsync(CancellationToken cancellation);

    /// <summary>Sends the activity's result to its instance, then deletes the work item.</summary>
    Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage result, CancellationToken cancellation);

    /// <summary>Answers the instance with a failure and moves the message to the quarantine queue with the reason.</summary>
    Task QuarantineActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage failure, string reason, CancellationToken cancellation);

    Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellation);

    /// <summary>Keeps a long-running activity's message invisible to other workers.</summary>
    Task RenewActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellation);

    /// <summary>Completes when a worker in this process finishes the instance, or after a while; callers re-check.</summary>
    Task WaitForChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellation);
}
