namespace Serverless.Durable.Backend;

/// <summary>The queryable projection of an instance (the instances table row).</summary>
internal sealed record InstanceRecord(
    string InstanceId,
    string Name,
    string ExecutionId,
    OrchestrationRuntimeStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? Input,
    string? Output,
    string? CustomStatus,
    TaskFailureDetails? Failure)
{
    public bool IsRunning => Status is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running
        or OrchestrationRuntimeStatus.Suspended or OrchestrationRuntimeStatus.ContinuedAsNew;
}
