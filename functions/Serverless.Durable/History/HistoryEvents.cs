namespace Serverless.Durable.History;

/// <summary>Which instance and call to answer when a sub-orchestration finishes.</summary>
public sealed record ParentInstance(string InstanceId, string ExecutionId, int TaskScheduledId, string Name);

public sealed record ExecutionStartedEvent(DateTime Timestamp, string Name, string? Input, string ExecutionId, ParentInstance? Parent = null, DateTime? ScheduledStartTime = null)
    : HistoryEvent(-1, Timestamp);

/// <summary>Begins an episode; its timestamp is the orchestration's clock for that episode.</summary>
public sealed record OrchestratorStartedEvent(DateTime Timestamp) : HistoryEvent(-1, Timestamp);

public sealed record TaskScheduledEvent(int EventId, DateTime Timestamp, string Name, string? Input) : HistoryEvent(EventId, Timestamp)
{
    public override string Describe() => $"TaskScheduled#{EventId} (activity '{Name}')";
}

public sealed record TaskCompletedEvent(DateTime Timestamp, int TaskScheduledId, string? Result) : HistoryEvent(-1, Timestamp);

public sealed record TaskFailedEvent(DateTime Timestamp, int TaskScheduledId, TaskFailureDetails FailureDetails) : HistoryEvent(-1, Timestamp);

public sealed record TimerCreatedEvent(int EventId, DateTime Timestamp, DateTime FireAt) : HistoryEvent(EventId, Timestamp)
{
    public override string Describe() => $"TimerCreated#{EventId} (fires {FireAt:O})";
}

public sealed record TimerFiredEvent(DateTime Timestamp, int TimerId, DateTime FireAt) : HistoryEvent(-1, Timestamp);

public sealed record EventRaisedEvent(DateTime Timestamp, string Name, string? Input) : HistoryEvent(-1, Timestamp);

public sealed record SubOrchestrationInstanceCreatedEvent(int EventId, DateTime Timestamp, string Name, string InstanceId, string? Input)
    : HistoryEvent(EventId, Timestamp)
{
    public override string Describe() => $"SubOrchestrationInstanceCreated#{EventId} (orchestrator '{Name}')";
}

public sealed record SubOrchestrationInstanceCompletedEvent(DateTime Timestamp, int TaskScheduledId, string? Result) : HistoryEvent(-1, Timestamp);

public sealed record SubOrchestrationInstanceFailedEvent(DateTime Timestamp, int TaskScheduledId, TaskFailureDetails FailureDetails)
    : HistoryEvent(-1, Timestamp);

public sealed record ExecutionCompletedEvent(DateTime Timestamp, OrchestrationRuntimeStatus Status, string? Result, TaskFailureDetails? FailureDetails)
    : HistoryEvent(-1, Timestamp);

public sealed record ExecutionTerminatedEvent(DateTime Timestamp, string? Reason) : HistoryEvent(-1, Timestamp);

public sealed record ContinuedAsNewEvent(DateTime Timestamp, string? Input, string NextExecutionId) : HistoryEvent(-1, Timestamp);

public sealed record ExecutionSuspendedEvent(DateTime Timestamp, string? Reason) : HistoryEvent(-1, Timestamp);

public sealed record ExecutionResumedEvent(DateTime Timestamp, string? Reason) : HistoryEvent(-1, Timestamp);
