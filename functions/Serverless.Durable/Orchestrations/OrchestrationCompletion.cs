namespace Serverless.Durable.Orchestrations;

/// <summary>How an execution ended; <see cref="ContinueAsNewInput"/> is set for ContinuedAsNew.</summary>
internal sealed record OrchestrationCompletion(
    OrchestrationRuntimeStatus Status,
    string? Output,
    TaskFailureDetails? Failure,
    string? ContinueAsNewInput = null);
