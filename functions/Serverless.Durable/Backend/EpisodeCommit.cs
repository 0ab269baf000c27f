using Serverless.Durable.History;
using Serverless.Durable.Messaging;

namespace Serverless.Durable.Backend;

/// <summary>A message to put back on its queue, visible again after the delay.</summary>
internal sealed record DeferredMessage(string MessageId, TimeSpan Delay);

/// <summary>A message that failed too often; moved to the quarantine queue with the reason.</summary>
internal sealed record QuarantinedMessage(string MessageId, string Reason);

/// <summary>
/// What an episode produced, committed by the backend in the proven order: outbound messages, history rows
/// (guarded), instance row, then the inbound messages are deleted (all but the deferred and quarantined ones).
/// </summary>
internal sealed record EpisodeCommit(
    string? ExecutionId,
    bool StartsNewExecution,
    IReadOnlyList<HistoryEvent> NewEvents,
    IReadOnlyList<OutboundMessage> Outbound,
    InstanceRecord? Instance,
    IReadOnlyList<DeferredMessage> Deferred,
    IReadOnlyList<QuarantinedMessage> Quarantined)
{
    public bool IsFinished => Instance is { IsRunning: false };
}
