namespace Serverless.Durable.Orchestrations;

/// <summary>What one run of the orchestrator code over its history decided.</summary>
internal sealed record ReplayOutcome(
    IReadOnlyList<OrchestratorAction> NewActions,
    OrchestrationCompletion? Completion,
    string? CustomStatus,
    bool IsSuspended,
    IReadOnlyList<(string Name, string? Input)> UnconsumedEvents);
