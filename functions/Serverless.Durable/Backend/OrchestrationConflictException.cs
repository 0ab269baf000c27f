namespace Serverless.Durable.Backend;

/// <summary>Another writer changed the instance's history first; the episode is abandoned and retried.</summary>
internal sealed class OrchestrationConflictException(string instanceId)
    : Exception($"The history of instance '{instanceId}' was changed by another writer.")
{
    public string InstanceId { get; } = instanceId;
}
