namespace Serverless.Durable.Backend;

/// <summary>All pending messages of one instance, with its state, locked for one episode.</summary>
internal class OrchestrationWorkItem(string instanceId, OrchestrationHistory history, InstanceRecord? instance, IReadOnlyList<ReceivedMessage> messages)
{
    public string InstanceId { get; } = instanceId;

    public OrchestrationHistory History { get; } = history;

    public InstanceRecord? Instance { get; } = instance;

    public IReadOnlyList<ReceivedMessage> Messages { get; } = messages;
}
