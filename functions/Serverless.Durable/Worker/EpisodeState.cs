using Serverless.Durable.Backend;
using Serverless.Durable.History;
using Serverless.Durable.Messaging;

namespace Serverless.Durable.Worker;

/// <summary>What the committed history says, kept current while an episode accepts messages.</summary>
internal sealed class EpisodeState
{
    private readonly HashSet<string> _seenMessages = new(StringComparer.Ordinal);
    private readonly HashSet<int> _scheduled = [];
    private readonly HashSet<int> _answered = [];

    public EpisodeState(OrchestrationHistory history)
    {
        ExecutionId = history.ExecutionId;
        Past = history.Events;
        foreach (var e in Past)
        {
            Observe(e);
        }
    }

    public string? ExecutionId { get; private set; }

    public IReadOnlyList<HistoryEvent> Past { get; private set; }

    public ExecutionStartedEvent? Started { get; private set; }

    public bool IsRunning { get; private set; }

    public bool HasSeen(string messageId) => _seenMessages.Contains(messageId);

    public bool IsScheduled(int taskId) => _scheduled.Contains(taskId);

    public bool IsAnswered(int taskId) => _answered.Contains(taskId);

    public void BeginExecution(ExecutionStartedEvent started)
    {
        ExecutionId = started.ExecutionId;
        Past = [];
        _seenMessages.Clear();
        _scheduled.Clear();
        _answered.Clear();
        Started = started;
        IsRunning = true;
    }

    public void Record(TaskMessage message)
    {
        _seenMessages.Add(message.Id);
        if (AnsweredTaskId(message.Event) is { } id)
        {
            _answered.Add(id);
        }
    }

    public static int? AnsweredTaskId(HistoryEvent e) => e switch
    {
        TaskCompletedEvent c => c.TaskScheduledId,
        TaskFailedEvent f => f.TaskScheduledId,
        TimerFiredEvent t => t.TimerId,
        SubOrchestrationInstanceCompletedEvent c => c.TaskScheduledId,
        SubOrchestrationInstanceFailedEvent f => f.TaskScheduledId,
        _ => null,
    };

    private void Observe(HistoryEvent e)
    {
        if (e.MessageId is { } id)
        {
            _seenMessages.Add(id);
        }

        switch (e)
        {
            case ExecutionStartedEvent started:
                Started = started;
                IsRunning = true;
                break;
            case TaskScheduledEvent or TimerCreatedEvent or SubOrchestrationInstanceCreatedEvent:
                _scheduled.Add(e.EventId);
                break;
            case ExecutionCompletedEvent or ContinuedAsNewEvent:
                IsRunning = false;
                break;
        }

        if (AnsweredTaskId(e) is { } answered)
        {
            _answered.Add(answered);
        }
    }
}
