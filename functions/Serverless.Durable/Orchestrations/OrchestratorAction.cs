namespace Serverless.Durable.Orchestrations;

/// <summary>A decision the orchestrator code made; matched against history on replay.</summary>
internal abstract record OrchestratorAction(int Id)
{
    public abstract string Describe();
}

internal sealed record ScheduleTaskAction(int Id, string Name, string? Input) : OrchestratorAction(Id)
{
    public override string Describe() => $"scheduled activity '{Name}' (#{Id})";
}

internal sealed record CreateTimerAction(int Id, DateTime FireAt) : OrchestratorAction(Id)
{
    public override string Describe() => $"created a timer for {FireAt:O} (#{Id})";
}

internal sealed record CreateSubOrchestrationAction(int Id, string Name, string InstanceId, string ExecutionId, string? Input) : OrchestratorAction(Id)
{
    public override string Describe() => $"started sub-orchestration '{Name}' (#{Id})";
}
