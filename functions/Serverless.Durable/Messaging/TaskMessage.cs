using Serverless.Durable.History;

namespace Serverless.Durable.Messaging;

/// <summary>
/// A history event on its way to an instance (control queues) or an activity to run (work-item queue).
/// The id is stable across redeliveries and resends, which is what de-duplication keys on.
/// </summary>
internal sealed record TaskMessage(string Id, string InstanceId, string? ExecutionId, HistoryEvent Event)
{
    public static TaskMessage Create(string instanceId, string? executionId, HistoryEvent historyEvent) =>
        new(Guid.NewGuid().ToString("N"), instanceId, executionId, historyEvent);
}
