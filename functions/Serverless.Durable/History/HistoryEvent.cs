using System.Text.Json.Serialization;

namespace Serverless.Durable.History;

/// <summary>
/// One fact in an orchestration's event-sourced history. Decision events (task, timer and sub-orchestration
/// scheduling) carry the decision's sequence number as <see cref="EventId"/>; inbound events carry the id of the
/// message that delivered them, which is how redelivered messages are recognised.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ExecutionStartedEvent), "ExecutionStarted")]
[JsonDerivedType(typeof(OrchestratorStartedEvent), "OrchestratorStarted")]
[JsonDerivedType(typeof(TaskScheduledEvent), "TaskScheduled")]
[JsonDerivedType(typeof(TaskCompletedEvent), "TaskCompleted")]
[JsonDerivedType(typeof(TaskFailedEvent), "TaskFailed")]
[JsonDerivedType(typeof(TimerCreatedEvent), "TimerCreated")]
[JsonDerivedType(typeof(TimerFiredEvent), "TimerFired")]
[JsonDerivedType(typeof(EventRaisedEvent), "EventRaised")]
[JsonDerivedType(typeof(SubOrchestrationInstanceCreatedEvent), "SubOrchestrationInstanceCreated")]
[JsonDerivedType(typeof(SubOrchestrationInstanceCompletedEvent), "SubOrchestrationInstanceCompleted")]
[JsonDerivedType(typeof(SubOrchestrationInstanceFailedEvent), "SubOrchestrationInstanceFailed")]
[JsonDerivedType(typeof(ExecutionCompletedEvent), "ExecutionCompleted")]
[JsonDerivedType(typeof(ExecutionTerminatedEvent), "ExecutionTerminated")]
[JsonDerivedType(typeof(ContinuedAsNewEvent), "ContinuedAsNew")]
[JsonDerivedType(typeof(ExecutionSuspendedEvent), "ExecutionSuspended")]
[JsonDerivedType(typeof(ExecutionResumedEvent), "ExecutionResumed")]
public abstract record HistoryEvent(int EventId, DateTime Timestamp)
{
    public string? MessageId { get; init; }

    /// <summary>Short human description used in non-determinism errors and logs.</summary>
    public virtual string Describe() => $"{GetType().Name.Replace("Event", "", StringComparison.Ordinal)}#{EventId}";
}
