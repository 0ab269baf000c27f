using System.Text.Json;
using Azure;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Serverless.Durable.Backend;
using Serverless.Durable.History;
using Serverless.Durable.Messaging;

namespace Serverless.Durable.AzureStorage;

/// <summary>Control queues: receiving, batching per instance, and committing episodes.</summary>
internal sealed partial class AzureStorageBackend
{
    private async Task ListenAsync(int partition, CancellationToken owned)
    {
        var queue = _controlQueues[partition];
        var polling = _controlPolling[partition];
        while (!owned.IsCancellationRequested)
        {
            try
            {
                var wake = polling.WakeSignal;
                if (!polling.IsDue)
                {
                    await polling.WaitAsync(wake, owned);
                    continue;
                }

                QueueMessage[] received = (await queue.ReceiveMessagesAsync(32, _options.ControlQueueVisibilityTimeout, owned)).Value;
                if (received.Length == 0)
                {
                    polling.Backoff();
                    continue;
                }

                polling.Reset();
                foreach (var message in received)
                {
                    await BufferAsync(partition, message, owned);
                }
            }
            catch (OperationCanceledException) when (owned.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException e)
            {
                _logger.LogWarning(e, "Receiving from control queue {Partition} failed; retrying", partition);
                await Task.Delay(TimeSpan.FromSeconds(1), _time, CancellationToken.None);
            }
        }
    }

    private async Task BufferAsync(int partition, QueueMessage received, CancellationToken cancellation)
    {
        TaskMessage message;
        try
        {
            message = await _codec.DecodeAsync(received.Body.ToString(), cancellation);
        }
        catch (Exception e) when (e is JsonException or RequestFailedException { Status: 404 })
        {
            _logger.LogError(e, "Control message {MessageId} is unreadable; moving it to quarantine", received.MessageId);
            var record = JsonSerializer.Serialize(new QuarantineRecord(null, received.MessageId, $"Unreadable: {e.Message}", null, received.Body.ToString()));
            await _quarantine.SendMessageAsync(record, null, TimeSpan.FromSeconds(-1), cancellation);
            await DeleteAsync(new QueueReceipt(partition, received.MessageId, received.PopReceipt), cancellation);
            return;
        }

        Buffer(message, new QueueReceipt(partition, received.MessageId, received.PopReceipt), (int)received.DequeueCount);
    }

    private void Buffer(TaskMessage message, QueueReceipt receipt, int dequeueCount)
    {
        lock (_gate)
        {
            if (!_buffers.TryGetValue(message.InstanceId, out var buffer))
            {
                buffer = new InstanceBuffer();
                _buffers[message.InstanceId] = buffer;
            }

            if (!buffer.Messages.TryGetValue(message.Id, out var buffered))
            {
                buffered = new BufferedMessage(message);
                buffer.Messages[message.Id] = buffered;
            }

            buffered.Receipts.RemoveAll(r => r.QueueMessageId == receipt.QueueMessageId);
            buffered.Receipts.Add(receipt);
            if (_firstDequeueCount.Count > 100_000)
            {
                _firstDequeueCount.Clear();
            }

            buffered.DequeueCount = Math.Max(buffered.DequeueCount, _firstDequeueCount.GetOrAdd(receipt.QueueMessageId, dequeueCount));
            if (!_locked.Contains(message.InstanceId) && !buffer.Scheduled)
            {
                buffer.Scheduled = true;
                _ready.Writer.TryWrite(message.InstanceId);
            }
        }
    }

    public async Task<OrchestrationWorkItem> LockNextOrchestrationWorkItemAsync(CancellationToken cancellation)
    {
        while (true)
        {
            var instanceId = await _ready.Reader.ReadAsync(cancellation);
            List<BufferedMessage> messages;
            lock (_gate)
            {
                if (_locked.Contains(instanceId) || !_buffers.Remove(instanceId, out var buffer) || buffer.Messages.Count == 0)
                {
                    continue;
                }

                _locked.Add(instanceId);
                messages = buffer.Messages.Values.ToList();
            }

            try
            {
                var history = _historyCache.TryGetValue(instanceId, out var cached) ? Task.FromResult(cached) : _history.LoadAsync(instanceId, cancellation);
                var cachedRow = _instanceCache.GetValueOrDefault(instanceId);
                var needsRow = cachedRow is null || messages.Any(m => m.Message.Event is ExecutionStartedEvent s && s.ExecutionId != cachedRow.ExecutionId);
                var row = needsRow ? _instances.GetAsync(instanceId, true, cancellation) : Task.FromResult<(InstanceRecord?, ETag)>((cachedRow, default));
                await Task.WhenAll(history, row);
                var stored = await history;
                return new AzureOrchestrationWorkItem(
                    instanceId,
                    stored,
                    (await row).Item1,
                    messages.Select(m => new ReceivedMessage(m.Message, m.DequeueCount)).ToList(),
                    messages.ToDictionary(m => m.Message.Id, m => m.Receipts, StringComparer.Ordinal));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
            {
                _logger.LogError(e, "Loading instance {InstanceId} failed; its messages will be retried", instanceId);
                await Task.WhenAll(messages.SelectMany(m => m.Receipts).Select(r => HideAsync(r, TimeSpan.FromSeconds(1), CancellationToken.None)));
                Unlock(instanceId);
            }
        }
    }

    public async Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, EpisodeCommit commit, CancellationToken cancellation)
    {
        var item = (AzureOrchestrationWorkItem)workItem;
        var instanceId = item.InstanceId;

        // Outbound first: a crash after this and before the history commit replays the episode, which resends
        // the same message ids, and receivers drop what they already have.
        await InjectFaultAsync("episode.send");
        await Parallel.ForEachAsync(
            commit.Outbound,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelSends, CancellationToken = cancellation },
            async (o, ct) => await (o.Destination == MessageDestination.Activity ? ScheduleActivityAsync(o.Message, ct) : SendAsync(o, ct)));

        if (commit.NewEvents.Count > 0)
        {
            await InjectFaultAsync("episode.history");
            var first = commit.StartsNewExecution ? 0 : item.History.Events.Count;
            ETag? etag;
            try
            {
                etag = await _history.AppendAsync(instanceId, commit.ExecutionId!, first, commit.NewEvents, item.HistoryETag, cancellation);
            }
            catch (OrchestrationConflictException)
            {
                _historyCache.TryRemove(instanceId, out _);
                _instanceCache.TryRemove(instanceId, out _);
                throw;
            }

            if (etag is { } committed && !commit.IsFinished)
            {
                if (_historyCache.Count > MaxHistoryCacheEntries)
                {
                    _historyCache.Clear();
                    _instanceCache.Clear();
                }

                var events = commit.StartsNewExecution ? commit.NewEvents : item.History.Events.Concat(commit.NewEvents).ToList();
                _historyCache[instanceId] = new StoredHistory(new OrchestrationHistory(commit.ExecutionId, events), committed);
            }
            else
            {
                _historyCache.TryRemove(instanceId, out _);
            }
        }

        await InjectFaultAsync("episode.instance");
        if (commit.Instance is { } row && !IsUnchanged(instanceId, row))
        {
            await _instances.UpsertAsync(row, cancellation);
        }

        // Quarantined messages are recorded before the commit counts as done; deleting the inbound messages is
        // off the critical path. Should this process die first, they reappear and are dropped as duplicates.
        var quarantined = commit.Quarantined.Select(q => QuarantineAsync(item.Messages.First(m => m.Message.Id == q.MessageId).Message, q.Reason, cancellation));
        await Task.WhenAll(quarantined);
        Settle(item, commit);
        if (commit.Instance is { } written)
        {
            if (commit.IsFinished)
            {
                _instanceCache.TryRemove(instanceId, out _);
            }
            else
            {
                _instanceCache[instanceId] = written;
            }
        }

        Unlock(instanceId);
        if (commit.IsFinished)
        {
            _signals.Notify(instanceId);
        }
    }

    public async Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, TimeSpan delay, CancellationToken cancellation)
    {
        var item = (AzureOrchestrationWorkItem)workItem;
        _historyCache.TryRemove(item.InstanceId, out _);
        _instanceCache.TryRemove(item.InstanceId, out _);
        try
        {
            await Task.WhenAll(item.Receipts.Values.SelectMany(r => r).Select(r => HideAsync(r, delay, cancellation)));
        }
        finally
        {
            Unlock(item.InstanceId);
        }
    }

    private void Settle(AzureOrchestrationWorkItem item, EpisodeCommit commit) =>
        InBackground(SettleAsync(item, commit, CancellationToken.None), item.InstanceId);

    private Task SettleAsync(AzureOrchestrationWorkItem item, EpisodeCommit commit, CancellationToken cancellation)
    {
        var deferred = commit.Deferred.ToDictionary(d => d.MessageId, d => d.Delay, StringComparer.Ordinal);
        var work = new List<Task>();
        foreach (var received in item.Messages)
        {
            var receipts = item.Receipts[received.Message.Id];
            if (deferred.TryGetValue(received.Message.Id, out var delay))
            {
                work.Add(ResendThenDeleteAsync(received.Message, delay, receipts, cancellation));
            }
            else
            {
                work.AddRange(receipts.Select(r => DeleteAsync(r, cancellation)));
            }
        }

        return Task.WhenAll(work);
    }

    /// <summary>
    /// A deferred message goes back as a new copy, so waiting (early timers, answers that overtook their
    /// commit) never counts towards the poison threshold the way redelivery after a crash does.
    /// </summary>
    private async Task ResendThenDeleteAsync(TaskMessage message, TimeSpan delay, List<QueueReceipt> receipts, CancellationToken cancellation)
    {
        await SendAsync(new OutboundMessage(message, MessageDestination.Orchestration, _time.GetUtcNow().UtcDateTime + delay), cancellation);
        await Task.WhenAll(receipts.Select(r => DeleteAsync(r, cancellation)));
    }

    /// <summary>
    /// A running instance whose status, execution and custom status did not change needs no row write; only
    /// its last-updated time would move. This saves a storage round trip on most episodes.
    /// </summary>
    private bool IsUnchanged(string instanceId, InstanceRecord row) =>
        _instanceCache.TryGetValue(instanceId, out var stored)
        && row.Status == OrchestrationRuntimeStatus.Running
        && stored.Status == row.Status
        && stored.ExecutionId == row.ExecutionId
        && stored.Name == row.Name
        && stored.CustomStatus == row.CustomStatus;

    private void Unlock(string instanceId)
    {
        lock (_gate)
        {
            _locked.Remove(instanceId);
            if (_buffers.TryGetValue(instanceId, out var waiting) && waiting.Messages.Count > 0)
            {
                waiting.Scheduled = true;
                _ready.Writer.TryWrite(instanceId);
            }
        }
    }
}
