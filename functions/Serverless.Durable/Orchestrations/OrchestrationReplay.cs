using Microsoft.Extensions.Logging;
using Serverless.Durable.History;

namespace Serverless.Durable.Orchestrations;

/// <summary>
/// One run of orchestrator code over its history: past events are replayed, then the new ones applied, and the
/// decisions the code makes are matched against the recorded ones. Decisions beyond the history are new.
/// </summary>
internal sealed class OrchestrationReplay : TaskOrchestrationContext
{
    private readonly IOrchestratorBody _body;
    private readonly DataConverter _converter;
    private readonly ILoggerFactory _loggers;
    private readonly OrchestrationSynchronizationContext _sync = new();
    private readonly SortedDictionary<int, OrchestratorAction> _undecided = new();
    private readonly Dictionary<int, OpenTask> _open = new();
    private readonly Dictionary<string, LinkedList<OpenTask>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<string?>> _bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HistoryEvent> _heldWhileSuspended = [];
    private int _nextSequence;
    private int _guidCounter;
    private bool _suspended;
    private string? _customStatus;
    private (bool Requested, string? Input) _continueAsNew;
    private Task<object?>? _run;
    private OrchestrationCompletion? _completion;
    private DateTime _now;
    private bool _replaying;

    public OrchestrationReplay(string name, string instanceId, string executionId, IOrchestratorBody body, DataConverter converter, ILoggerFactory loggers)
    {
        Name = name;
        InstanceId = instanceId;
        ExecutionId = executionId;
        _body = body;
        _converter = converter;
        _loggers = loggers;
    }

    public override string Name { get; }

    public override string InstanceId { get; }

    public string ExecutionId { get; }

    public override DateTime CurrentUtcDateTime => _now;

    public override bool IsReplaying => _replaying;

    public ReplayOutcome Replay(IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> fresh)
    {
        _sync.Run(() =>
        {
            _replaying = true;
            foreach (var e in past)
            {
                Apply(e);
            }

            _replaying = false;
            foreach (var e in fresh)
            {
                Apply(e);
            }
        });

        var unconsumed = _bufferedEvents.SelectMany(kv => kv.Value.Select(input => (kv.Key, input))).ToList();
        return new ReplayOutcome(_undecided.Values.ToList(), _completion, _customStatus, _suspended, unconsumed);
    }

    private void Apply(HistoryEvent e)
    {
        if (_completion is not null)
        {
            if (e is TaskScheduledEvent or TimerCreatedEvent or SubOrchestrationInstanceCreatedEvent)
            {
                throw new NonDeterministicOrchestrationException(
                    $"Non-deterministic orchestrator '{Name}' (instance '{InstanceId}'): history has {e.Describe()}, but on replay it had already finished ({_completion.Status}).");
            }

            return;
        }

        if (_suspended && e is not (ExecutionResumedEvent or ExecutionTerminatedEvent or OrchestratorStartedEvent))
        {
            _heldWhileSuspended.Add(e);
            return;
        }

        switch (e)
        {
            case OrchestratorStartedEvent started:
                _now = started.Timestamp;
                break;
            case ExecutionStartedEvent started:
                Start(started);
                break;
            case TaskScheduledEvent scheduled:
                Match(scheduled, a => a is ScheduleTaskAction s && s.Name == scheduled.Name);
                break;
            case TimerCreatedEvent created:
                Match(created, a => a is CreateTimerAction);
                break;
            case SubOrchestrationInstanceCreatedEvent created:
                Match(created, a => a is CreateSubOrchestrationAction s && s.Name == created.Name);
                break;
            case TaskCompletedEvent completed:
                Resolve(completed.TaskScheduledId)?.Complete(completed.Result);
                break;
            case TaskFailedEvent failed:
                Resolve(failed.TaskScheduledId)?.Fail(failed.FailureDetails);
                break;
            case SubOrchestrationInstanceCompletedEvent completed:
                Resolve(completed.TaskScheduledId)?.Complete(completed.Result);
                break;
            case SubOrchestrationInstanceFailedEvent failed:
                Resolve(failed.TaskScheduledId)?.Fail(failed.FailureDetails);
                break;
            case TimerFiredEvent fired:
                Resolve(fired.TimerId)?.Complete(null);
                break;
            case EventRaisedEvent raised:
                Deliver(raised.Name, raised.Input);
                break;
            case ExecutionSuspendedEvent:
                _suspended = true;
                break;
            case ExecutionResumedEvent:
                _suspended = false;
                var held = _heldWhileSuspended.ToList();
                _heldWhileSuspended.Clear();
                foreach (var h in held)
                {
                    Apply(h);
                }

                break;
            case ExecutionTerminatedEvent terminated:
                _completion = new OrchestrationCompletion(OrchestrationRuntimeStatus.Terminated, _converter.Serialize(terminated.Reason), null);
                return;
        }

        _sync.RunPending();
        ObserveRun();
    }


    private void Start(ExecutionStartedEvent started)
    {
        object? input;
        try
        {
            input = _converter.Deserialize(started.Input, _body.InputType);
        }
        catch (System.Text.Json.JsonException e)
        {
            _completion = new OrchestrationCompletion(OrchestrationRuntimeStatus.Failed, null, new TaskFailureDetails(
                typeof(ArgumentException).FullName!, $"The input of orchestration '{Name}' could not be read as {_body.InputType.Name}: {e.Message}", null));
            return;
        }

        try
        {
            _run = _body.RunAsync(this, input);
        }
        catch (Exception e) when (e is not NonDeterministicOrchestrationException)
        {
            _run = Task.FromException<object?>(e);
        }
    }

    private void ObserveRun()
    {
        if (_run is not { IsCompleted: true } || _completion is not null)
        {
            return;
        }

        if (_run.IsFaulted)
        {
            var error = _run.Exception!.InnerException ?? _run.Exception;
            var details = error is TaskFailedException failed
                ? new TaskFailureDetails(typeof(TaskFailedException).FullName!, failed.Message, failed.StackTrace, failed.FailureDetails)
                : TaskFailureDetails.FromException(error);
            _completion = new OrchestrationCompletion(OrchestrationRuntimeStatus.Failed, null, details);
        }
        else if (_run.IsCanceled)
        {
            _completion = new OrchestrationCompletion(OrchestrationRuntimeStatus.Failed, null, new TaskFailureDetails(
                typeof(TaskCanceledException).FullName!, $"Orchestration '{Name}' was canceled by its own code.", null));
        }
        else if (_continueAsNew.Requested)
        {
            _completion = new OrchestrationCompletion(OrchestrationRuntimeStatus.ContinuedAsNew, null, null, _continueAsNew.Input);
        }
        else
        {
            _completion = new OrchestrationCompletion(OrchestrationRuntimeStatus.Completed, _converter.Serialize(_run.Result), null);
        }
    }

    private void Match(HistoryEvent recorded, Func<OrchestratorAction, bool> same)
    {
        if (!_undecided.Remove(recorded.EventId, out var action))
        {
            var instead = _undecided.Count > 0
                ? $"it {_undecided.Values.First().Describe()} instead"
                : "it made no such call (it is waiting for something else or has finished)";
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator '{Name}' (instance '{InstanceId}'): history has {recorded.Describe()}, but on replay {instead}.");
        }

        if (!same(action))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestrator '{Name}' (instance '{InstanceId}'): history has {recorded.Describe()}, but on replay it {action.Describe()} instead.");
        }
    }

    private OpenTask? Resolve(int id) => _open.Remove(id, out var task) ? task : null;

    private void Deliver(string name, string? input)
    {
        if (_waiters.TryGetValue(name, out var waiting) && waiting.First is { } first)
        {
            waiting.RemoveFirst();
            first.Value.Complete(input);
            return;
        }

        if (!_bufferedEvents.TryGetValue(name, out var queue))
        {
            queue = new Queue<string?>();
            _bufferedEvents[name] = queue;
        }

        queue.Enqueue(input);
    }

    private OpenTask<T> Decide<T>(OrchestratorAction action, string name)
    {
        _undecided[action.Id] = action;
        var task = new OpenTask<T>(name, _converter);
        _open[action.Id] = task;
        return task;
    }

    public override Task<T> CallActivityAsync<T>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var serialized = _converter.Serialize(input);
        return WithRetry(() => Decide<T>(new ScheduleTaskAction(_nextSequence++, name, serialized), name).Task, options?.Retry);
    }

    public override Task<T> CallSubOrchestratorAsync<T>(string orchestratorName, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(orchestratorName);
        var serialized = _converter.Serialize(input);
        return WithRetry(
            () =>
            {
                var id = _nextSequence++;
                var childId = $"{InstanceId}:{id}";
                var childExecution = DeterministicIds.ExecutionId($"{InstanceId}/{ExecutionId}/{id}");
                return Decide<T>(new CreateSubOrchestrationAction(id, orchestratorName, childId, childExecution, serialized), orchestratorName).Task;
            },
            options?.Retry);
    }

    private async Task<T> WithRetry<T>(Func<Task<T>> attempt, RetryPolicy? policy)
    {
        if (policy is null)
        {
            return await attempt();
        }

        for (var failedAttempts = 1; ; failedAttempts++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException e) when (policy.ShouldRetry(e.FailureDetails, failedAttempts))
            {
                await CreateTimer(CurrentUtcDateTime + policy.DelayBeforeAttempt(failedAttempts), CancellationToken.None);
            }
        }
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var utc = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        var timer = Decide<object?>(new CreateTimerAction(_nextSequence++, utc), "timer");
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(timer.Cancel);
        }

        return timer.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        if (_bufferedEvents.TryGetValue(eventName, out var buffered) && buffered.TryDequeue(out var input))
        {
            var ready = new OpenTask<T>(eventName, _converter);
            ready.Complete(input);
            return ready.Task;
        }

        var waiter = new OpenTask<T>(eventName, _converter);
        if (!_waiters.TryGetValue(eventName, out var list))
        {
            list = new LinkedList<OpenTask>();
            _waiters[eventName] = list;
        }

        var node = list.AddLast(waiter);
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return waiter.Task;
        }

        return WaitWithTimeout(waiter, node, eventName, timeout);
    }

    private async Task<T> WaitWithTimeout<T>(OpenTask<T> waiter, LinkedListNode<OpenTask> node, string eventName, TimeSpan timeout)
    {
        using var cancelTimer = new CancellationTokenSource();
        var timer = CreateTimer(CurrentUtcDateTime + timeout, cancelTimer.Token);
        var first = await Task.WhenAny(waiter.Task, timer);
        if (first == timer)
        {
            node.List?.Remove(node);
            throw new TimeoutException($"Event '{eventName}' was not raised on instance '{InstanceId}' within {timeout}.");
        }

        cancelTimer.Cancel();
        return await waiter.Task;
    }

    public override void SetCustomStatus(object? customStatus) => _customStatus = _converter.Serialize(customStatus);

    public override void ContinueAsNew(object? newInput) => _continueAsNew = (true, _converter.Serialize(newInput));

    public override Guid NewGuid() => DeterministicIds.From($"{InstanceId}/{ExecutionId}/{_now:O}/{_guidCounter++}");

    public override ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(_loggers.CreateLogger(categoryName), () => _replaying);
}
