using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Durable.Backend;
using Serverless.Durable.History;
using Serverless.Durable.Hosting;
using Serverless.Durable.Messaging;
using Serverless.Durable.Orchestrations;

namespace Serverless.Durable.Worker;

/// <summary>
/// Turns a locked work item into an episode commit: filters redelivered and stale messages, replays the
/// orchestrator over its history plus the new events, and turns its decisions into history and messages.
/// Pure with respect to storage, so both backends share the exact same semantics.
/// </summary>
internal sealed class OrchestrationEpisodeRunner(
    DurableTaskRegistry registry,
    IServiceScopeFactory scopes,
    DataConverter converter,
    TimeProvider time,
    ILoggerFactory loggers,
    DurableWorkerOptions options)
{
    private static readonly TimeSpan NotYetDeliverableDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestQueueDelay = TimeSpan.FromDays(6);
    private readonly ILogger _logger = loggers.CreateLogger("Serverless.Durable.Orchestrations");

    public EpisodeCommit Run(OrchestrationWorkItem item)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var state = new EpisodeState(item.History);
        var deferred = new List<DeferredMessage>();
        var quarantined = new List<QuarantinedMessage>();
        var fresh = new List<HistoryEvent>();
        ExecutionStartedEvent? start = null;
        string? poison = null;

        foreach (var received in item.Messages)
        {
            if (received.DequeueCount > options.MaxDequeueCount)
            {
                var reason = $"Message {received.Message.Id} ({received.Message.Event.Describe()}) was delivered {received.DequeueCount} times without being processed.";
                quarantined.Add(new QuarantinedMessage(received.Message.Id, reason));
                DurableTelemetry.MessagesQuarantined.Add(1);
                poison ??= reason;
            }
        }

        foreach (var received in item.Messages.Where(m => m.Message.Event is ExecutionStartedEvent))
        {
            var message = received.Message;
            var started = (ExecutionStartedEvent)message.Event;
            if (!AcceptsStart(item, state, started))
            {
                Log(item, message, "stale or duplicate start");
                continue;
            }

            start = started with { MessageId = message.Id };
            state.BeginExecution(started);
        }

        foreach (var received in item.Messages.Where(m => m.Message.Event is not ExecutionStartedEvent))
        {
            var message = received.Message;
            if (quarantined.Any(q => q.MessageId == message.Id))
            {
                continue;
            }

            switch (Classify(state, message, now))
            {
                case Verdict.Accept:
                    fresh.Add(message.Event with { MessageId = message.Id });
                    state.Record(message);
                    break;
                case Verdict.Defer:
                    deferred.Add(new DeferredMessage(message.Id, DelayFor(message, now)));
                    break;
                default:
                    Log(item, message, "not applicable to the current execution");
                    break;
            }
        }

        if (start is null && fresh.Count == 0 && (poison is null || state.Started is null || !state.IsRunning))
        {
            return new EpisodeCommit(state.ExecutionId, false, [], [], Healed(item), deferred, quarantined);
        }

        var episode = new List<HistoryEvent> { new OrchestratorStartedEvent(now) };
        if (start is not null)
        {
            episode.Add(start);
        }

        episode.AddRange(fresh);
        return Decide(item, state, episode, now, deferred, quarantined, start is not null, poison);
    }

    private EpisodeCommit Decide(
        OrchestrationWorkItem item,
        EpisodeState state,
        List<HistoryEvent> episode,
        DateTime now,
        List<DeferredMessage> deferred,
        List<QuarantinedMessage> quarantined,
        bool startsNew,
        string? poison)
    {
        var started = state.Started ?? episode.OfType<ExecutionStartedEvent>().First();
        var executionId = state.ExecutionId!;
        var outbound = new List<OutboundMessage>();
        var newEvents = new List<HistoryEvent>(episode);
        ReplayOutcome? outcome = null;
        OrchestrationCompletion? completion;

        if (poison is not null)
        {
            completion = Failure("PoisonMessage", poison);
        }
        else if (state.Past.Count + episode.Count > options.MaxHistoryEvents)
        {
            completion = Failure("HistoryTooLarge",
                $"The history of instance '{item.InstanceId}' would exceed {options.MaxHistoryEvents} events. Use ContinueAsNew to restart long-running orchestrations with fresh history.");
        }
        else if (registry.FindOrchestrator(started.Name) is not { } orchestratorType)
        {
            completion = Failure("OrchestratorNotRegistered", $"No orchestrator named '{started.Name}' is registered.");
        }
        else
        {
            using var span = DurableTelemetry.Source.StartActivity($"orchestration {started.Name}");
            span?.SetTag("durable.instance_id", item.InstanceId);
            span?.SetTag("durable.execution_id", executionId);
            using var scope = scopes.CreateScope();
            var body = (IOrchestratorBody)scope.ServiceProvider.GetRequiredService(orchestratorType);
            var replay = new OrchestrationReplay(started.Name, item.InstanceId, executionId, body, converter, loggers);
            try
            {
                outcome = replay.Replay(state.Past, episode);
                completion = outcome.Completion;
            }
            catch (NonDeterministicOrchestrationException e)
            {
                _logger.LogError(e, "Instance {InstanceId} failed its determinism check", item.InstanceId);
                completion = new OrchestrationCompletion(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(e));
            }

            span?.SetTag("durable.status", completion?.Status.ToString() ?? "Running");
        }

        foreach (var action in outcome?.NewActions ?? [])
        {
            AddDecision(item.InstanceId, executionId, started, action, now, completion is not null, newEvents, outbound);
        }

        string? nextExecutionId = null;
        if (completion is not null)
        {
            nextExecutionId = AddCompletion(item.InstanceId, executionId, started, completion, outcome, now, newEvents, outbound);
        }

        var status = completion?.Status ?? (outcome?.IsSuspended == true ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running);
        var instance = new InstanceRecord(
            item.InstanceId,
            started.Name,
            nextExecutionId ?? executionId,
            status,
            item.Instance?.CreatedAt ?? now,
            now,
            completion?.ContinueAsNewInput ?? started.Input,
            completion?.Output,
            outcome?.CustomStatus ?? item.Instance?.CustomStatus,
            completion?.Failure);

        if (startsNew && started.Parent is null && state.Past.Count == 0)
        {
            DurableTelemetry.OrchestrationsStarted.Add(1);
        }

        return new EpisodeCommit(executionId, startsNew, newEvents, outbound, instance, deferred, quarantined);
    }

    private static void AddDecision(
        string instanceId,
        string executionId,
        ExecutionStartedEvent started,
        OrchestratorAction action,
        DateTime now,
        bool finished,
        List<HistoryEvent> events,
        List<OutboundMessage> outbound)
    {
        var messageId = DeterministicIds.ExecutionId($"{instanceId}/{executionId}/decision/{action.Id}");
        switch (action)
        {
            case ScheduleTaskAction task:
                var scheduled = new TaskScheduledEvent(task.Id, now, task.Name, task.Input);
                events.Add(scheduled);
                outbound.Add(new OutboundMessage(new TaskMessage(messageId, instanceId, executionId, scheduled), MessageDestination.Activity));
                break;
            case CreateTimerAction timer:
                events.Add(new TimerCreatedEvent(timer.Id, now, timer.FireAt));
                if (!finished)
                {
                    // Outstanding timers of a finished orchestration are never sent, so they cannot wake it.
                    outbound.Add(new OutboundMessage(
                        new TaskMessage(messageId, instanceId, executionId, new TimerFiredEvent(timer.FireAt, timer.Id, timer.FireAt)),
                        MessageDestination.Orchestration,
                        timer.FireAt));
                }

                break;
            case CreateSubOrchestrationAction child:
                events.Add(new SubOrchestrationInstanceCreatedEvent(child.Id, now, child.Name, child.InstanceId, child.Input));
                var childStart = new ExecutionStartedEvent(now, child.Name, child.Input, child.ExecutionId, new ParentInstance(instanceId, executionId, child.Id, started.Name));
                outbound.Add(new OutboundMessage(new TaskMessage(messageId, child.InstanceId, child.ExecutionId, childStart), MessageDestination.Orchestration));
                break;
        }
    }

    private static string? AddCompletion(
        string instanceId,
        string executionId,
        ExecutionStartedEvent started,
        OrchestrationCompletion completion,
        ReplayOutcome? outcome,
        DateTime now,
        List<HistoryEvent> events,
        List<OutboundMessage> outbound)
    {
        if (completion.Status == OrchestrationRuntimeStatus.ContinuedAsNew)
        {
            var next = DeterministicIds.ExecutionId($"{instanceId}/{executionId}/continue");
            events.Add(new ContinuedAsNewEvent(now, completion.ContinueAsNewInput, next));
            var restart = new ExecutionStartedEvent(now, started.Name, completion.ContinueAsNewInput, next, started.Parent);
            outbound.Add(new OutboundMessage(new TaskMessage(DeterministicIds.ExecutionId($"{next}/start"), instanceId, next, restart), MessageDestination.Orchestration));
            var carried = 0;
            foreach (var (name, input) in outcome?.UnconsumedEvents ?? [])
            {
                // Events the old execution never waited for are handed to the new one, as the Durable Task Framework does.
                var carriedId = DeterministicIds.ExecutionId($"{next}/carried/{carried++}");
                outbound.Add(new OutboundMessage(new TaskMessage(carriedId, instanceId, next, new EventRaisedEvent(now, name, input)), MessageDestination.Orchestration));
            }

            return next;
        }

        events.Add(new ExecutionCompletedEvent(now, completion.Status, completion.Output, completion.Failure));
        (completion.Status == OrchestrationRuntimeStatus.Completed ? DurableTelemetry.OrchestrationsCompleted : DurableTelemetry.OrchestrationsFailed).Add(1);
        if (started.Parent is { } parent)
        {
            HistoryEvent answer = completion.Status == OrchestrationRuntimeStatus.Completed
                ? new SubOrchestrationInstanceCompletedEvent(now, parent.TaskScheduledId, completion.Output)
                : new SubOrchestrationInstanceFailedEvent(now, parent.TaskScheduledId, completion.Failure
                    ?? new TaskFailureDetails("OrchestrationTerminated", $"Sub-orchestration '{instanceId}' was {completion.Status.ToString().ToLowerInvariant()}.", null));
            var answerId = DeterministicIds.ExecutionId($"{instanceId}/{executionId}/answer");
            outbound.Add(new OutboundMessage(new TaskMessage(answerId, parent.InstanceId, parent.ExecutionId, answer), MessageDestination.Orchestration));
        }

        return null;
    }

    private static bool AcceptsStart(OrchestrationWorkItem item, EpisodeState state, ExecutionStartedEvent started)
    {
        if (state.ExecutionId == started.ExecutionId && state.Started is not null)
        {
            return false;
        }

        if (state.Past.LastOrDefault() is ContinuedAsNewEvent continued)
        {
            return continued.NextExecutionId == started.ExecutionId;
        }

        return item.Instance is null
            ? state.ExecutionId is null || !state.IsRunning
            : item.Instance.ExecutionId == started.ExecutionId;
    }

    private static Verdict Classify(EpisodeState state, TaskMessage message, DateTime now)
    {
        if (state.HasSeen(message.Id))
        {
            return Verdict.Drop;
        }

        if (state.Started is null)
        {
            return Verdict.Defer;
        }

        if (!state.IsRunning)
        {
            return state.Past.LastOrDefault() is ContinuedAsNewEvent continued && (message.ExecutionId is null || message.ExecutionId == continued.NextExecutionId)
                ? Verdict.Defer
                : Verdict.Drop;
        }

        if (message.ExecutionId is not null && message.ExecutionId != state.ExecutionId)
        {
            return Verdict.Drop;
        }

        if (EpisodeState.AnsweredTaskId(message.Event) is { } taskId)
        {
            if (state.IsAnswered(taskId))
            {
                return Verdict.Drop;
            }

            if (!state.IsScheduled(taskId))
            {
                // The answer overtook the commit that scheduled it; the history row will be there shortly.
                return Verdict.Defer;
            }

            if (message.Event is TimerFiredEvent fired && fired.FireAt > now)
            {
                return Verdict.Defer;
            }
        }

        return Verdict.Accept;
    }

    private static TimeSpan DelayFor(TaskMessage message, DateTime now) =>
        message.Event is TimerFiredEvent fired && fired.FireAt > now
            ? TimeSpan.FromTicks(Math.Min((fired.FireAt - now).Ticks, LongestQueueDelay.Ticks))
            : NotYetDeliverableDelay;

    /// <summary>
    /// When a crash fell between the history commit and the instance row update, the finished history is the
    /// truth; rewrite the row from it.
    /// </summary>
    private static InstanceRecord? Healed(OrchestrationWorkItem item)
    {
        if (item.Instance is not { } row || item.History.ExecutionId != row.ExecutionId)
        {
            return null;
        }

        return item.History.Events.LastOrDefault() switch
        {
            ExecutionCompletedEvent done when row.Status != done.Status =>
                row with { Status = done.Status, Output = done.Result, Failure = done.FailureDetails, LastUpdatedAt = done.Timestamp },
            _ => null,
        };
    }

    private static OrchestrationCompletion Failure(string type, string message) =>
        new(OrchestrationRuntimeStatus.Failed, null, new TaskFailureDetails(type, message, null));

    private void Log(OrchestrationWorkItem item, TaskMessage message, string why) =>
        _logger.LogDebug("Dropped message {MessageId} ({Event}) for {InstanceId}: {Reason}", message.Id, message.Event.Describe(), item.InstanceId, why);

    private enum Verdict
    {
        Accept,
        Defer,
        Drop,
    }
}
