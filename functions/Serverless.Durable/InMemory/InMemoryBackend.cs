using System.Threading.Channels;
using Serverless.Durable.Backend;
using Serverless.Durable.History;
using Serverless.Durable.Messaging;

namespace Serverless.Durable.InMemory;

/// <summary>
/// A task hub in process memory with the same contract as the Azure Storage one: per-instance locking,
/// batched messages, delayed delivery for timers, redelivery of abandoned or unfinished work. One object can
/// outlive several workers, which is how tests simulate a restart.
/// </summary>
internal sealed class InMemoryBackend(TimeProvider time) : IOrchestrationBackend
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InstanceRecord> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (OrchestrationHistory History, long Version)> _histories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StoredMessage>> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LockedInstance> _locked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredMessage> _activitiesInFlight = new(StringComparer.Ordinal);
    private readonly Channel<string> _readyInstances = Channel.CreateUnbounded<string>();
    private readonly Channel<StoredMessage> _activities = Channel.CreateUnbounded<StoredMessage>();
    private readonly List<QuarantinedMessageInfo> _quarantine = [];
    private readonly InstanceChangeSignals _signals = new();

    public TimeSpan ActivityRenewalInterval => TimeSpan.FromSeconds(10);

    public Task<IReadOnlyList<QuarantinedMessageInfo>> GetQuarantineAsync(CancellationToken cancellation)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<QuarantinedMessageInfo>>(_quarantine.Take(32).ToList());
        }
    }

    public Task CreateIfNotExistsAsync(CancellationToken cancellation) => Task.CompletedTask;

    public Task DeleteAsync(CancellationToken cancellation)
    {
        lock (_gate)
        {
            _instances.Clear();
            _histories.Clear();
            _pending.Clear();
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellation) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellation)
    {
        // What a crashed worker held becomes visible again, as after a queue visibility timeout.
        lock (_gate)
        {
            foreach (var (instanceId, held) in _locked.ToList())
            {
                _locked.Remove(instanceId);
                foreach (var message in held.Messages)
                {
                    EnqueueLocked(message);
                }
            }

            foreach (var activity in _activitiesInFlight.Values.ToList())
            {
                _activities.Writer.TryWrite(activity);
            }

            _activitiesInFlight.Clear();
        }

        return Task.CompletedTask;
    }

    public Task CreateInstanceAsync(InstanceRecord instance, CancellationToken cancellation)
    {
        lock (_gate)
        {
            if (_instances.TryGetValue(instance.InstanceId, out var existing) && existing.IsRunning)
            {
                throw new InvalidOperationException($"An instance with id '{instance.InstanceId}' is already {existing.Status}.");
            }

            _instances[instance.InstanceId] = instance;
        }

        return Task.CompletedTask;
    }

    public Task SendAsync(OutboundMessage message, CancellationToken cancellation)
    {
        Route(message);
        return Task.CompletedTask;
    }

    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellation)
    {
        lock (_gate)
        {
            return Task.FromResult(_instances.GetValueOrDefault(instanceId));
        }
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellation)
    {
        lock (_gate)
        {
            return Task.FromResult(_histories.TryGetValue(instanceId, out var h) ? h.History.Events : (IReadOnlyList<HistoryEvent>)[]);
        }
    }

    public Task<(IReadOnlyList<InstanceRecord> Instances, string? ContinuationToken)> QueryAsync(InstanceQuery query, CancellationToken cancellation)
    {
        lock (_gate)
        {
            var skip = query.ContinuationToken is null ? 0 : int.Parse(query.ContinuationToken, System.Globalization.CultureInfo.InvariantCulture);
            var matches = _instances.Values
                .Where(i => query.Statuses is null || query.Statuses.Contains(i.Status))
                .Where(i => query.CreatedFrom is null || i.CreatedAt >= query.CreatedFrom)
                .Where(i => query.CreatedTo is null || i.CreatedAt <= query.CreatedTo)
                .Where(i => query.InstanceIdPrefix is null || i.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal))
                .OrderBy(i => i.InstanceId, StringComparer.Ordinal)
                .ToList();
            var page = matches.Skip(skip).Take(query.PageSize).ToList();
            var next = skip + page.Count < matches.Count ? (skip + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return Task.FromResult<(IReadOnlyList<InstanceRecord>, string?)>((page, next));
        }
    }

    public Task<bool> PurgeAsync(string instanceId, CancellationToken cancellation)
    {
        lock (_gate)
        {
            var existed = _instances.Remove(instanceId);
            _histories.Remove(instanceId);
            _pending.Remove(instanceId);
            return Task.FromResult(existed);
        }
    }

    public async Task<OrchestrationWorkItem> LockNextOrchestrationWorkItemAsync(CancellationToken cancellation)
    {
        while (true)
        {
            var instanceId = await _readyInstances.Reader.ReadAsync(cancellation);
            lock (_gate)
            {
                if (_locked.ContainsKey(instanceId) || !_pending.Remove(instanceId, out var messages) || messages.Count == 0)
                {
                    continue;
                }

                var received = messages.Select(m => new ReceivedMessage(m.Message, ++m.DequeueCount)).ToList();
                var (history, version) = _histories.GetValueOrDefault(instanceId, (OrchestrationHistory.Empty, 0));
                var item = new OrchestrationWorkItem(instanceId, history, _instances.GetValueOrDefault(instanceId), received);
                _locked[instanceId] = new LockedInstance(item, messages, version);
                return item;
            }
        }
    }

    public Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, EpisodeCommit commit, CancellationToken cancellation)
    {
        foreach (var outbound in commit.Outbound)
        {
            Route(outbound);
        }

        lock (_gate)
        {
            var held = _locked[workItem.InstanceId];
            var (history, version) = _histories.GetValueOrDefault(workItem.InstanceId, (OrchestrationHistory.Empty, 0));
            if (version != held.Version)
            {
                throw new OrchestrationConflictException(workItem.InstanceId);
            }

            if (commit.NewEvents.Count > 0)
            {
                var events = commit.StartsNewExecution ? commit.NewEvents.ToList() : history.Events.Concat(commit.NewEvents).ToList();
                _histories[workItem.InstanceId] = (new OrchestrationHistory(commit.ExecutionId, events), version + 1);
            }

            if (commit.Instance is not null)
            {
                _instances[workItem.InstanceId] = commit.Instance;
            }

            _quarantine.AddRange(commit.Quarantined.Select(q => new QuarantinedMessageInfo(
                workItem.InstanceId, q.MessageId, q.Reason, held.Messages.First(m => m.Message.Id == q.MessageId).Message.Event.Describe())));
            foreach (var deferred in commit.Deferred)
            {
                var message = held.Messages.First(m => m.Message.Id == deferred.MessageId);
                DeliverLater(new StoredMessage(message.Message), deferred.Delay);
            }

            Unlock(workItem.InstanceId);
        }

        if (commit.IsFinished)
        {
            _signals.Notify(workItem.InstanceId);
        }
        return Task.CompletedTask;
    }

    public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan delay, CancellationToken cancellation)
    {
        lock (_gate)
        {
            if (_locked.TryGetValue(workItem.InstanceId, out var held))
            {
                foreach (var message in held.Messages)
                {
                    DeliverLater(message, delay);
                }

                Unlock(workItem.InstanceId);
            }
        }

        return Task.CompletedTask;
    }

    public async Task<ActivityWorkItem> LockNextActivityWorkItemAsync(CancellationToken cancellation)
    {
        var stored = await _activities.Reader.ReadAsync(cancellation);
        lock (_gate)
        {
            stored.DequeueCount++;
            _activitiesInFlight[stored.Message.Id] = stored;
            return new ActivityWorkItem(stored.Message, stored.DequeueCount);
        }
    }

    public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage result, CancellationToken cancellation)
    {
        Route(new OutboundMessage(result, MessageDestination.Orchestration));
        lock (_gate)
        {
            _activitiesInFlight.Remove(workItem.Message.Id);
        }

        return Task.CompletedTask;
    }

    public Task QuarantineActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage failure, string reason, CancellationToken cancellation)
    {
        lock (_gate)
        {
            _quarantine.Add(new QuarantinedMessageInfo(workItem.Message.InstanceId, workItem.Message.Id, reason, workItem.Message.Event.Describe()));
        }

        return CompleteActivityWorkItemAsync(workItem, failure, cancellation);
    }

    public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellation)
    {
        lock (_gate)
        {
            if (_activitiesInFlight.Remove(workItem.Message.Id, out var stored))
            {
                _activities.Writer.TryWrite(stored);
            }
        }

        return Task.CompletedTask;
    }

    public Task RenewActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellation) => Task.CompletedTask;

    public Task WaitForChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellation) =>
        _signals.WaitAsync(instanceId, maxWait, cancellation);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private void Route(OutboundMessage outbound)
    {
        var stored = new StoredMessage(outbound.Message);
        var delay = outbound.VisibleAt is { } at ? at - time.GetUtcNow().UtcDateTime : TimeSpan.Zero;
        if (outbound.Destination == MessageDestination.Activity)
        {
            _activities.Writer.TryWrite(stored);
            return;
        }

        lock (_gate)
        {
            DeliverLater(stored, delay);
        }
    }

    private void DeliverLater(StoredMessage message, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            EnqueueLocked(message);
            return;
        }

        _ = DeliverAfterAsync(message, delay);
    }

    private async Task DeliverAfterAsync(StoredMessage message, TimeSpan delay)
    {
        await Task.Delay(delay, time);
        lock (_gate)
        {
            EnqueueLocked(message);
        }
    }

    private void EnqueueLocked(StoredMessage message)
    {
        var instanceId = message.Message.InstanceId;
        if (!_pending.TryGetValue(instanceId, out var list))
        {
            list = [];
            _pending[instanceId] = list;
        }

        list.Add(message);
        if (!_locked.ContainsKey(instanceId))
        {
            _readyInstances.Writer.TryWrite(instanceId);
        }
    }

    private void Unlock(string instanceId)
    {
        _locked.Remove(instanceId);
        if (_pending.TryGetValue(instanceId, out var waiting) && waiting.Count > 0)
        {
            _readyInstances.Writer.TryWrite(instanceId);
        }
    }

    private sealed class StoredMessage(TaskMessage message)
    {
        public TaskMessage Message { get; } = message;

        public int DequeueCount { get; set; }
    }

    private sealed record LockedInstance(OrchestrationWorkItem Item, List<StoredMessage> Messages, long Version);
}
