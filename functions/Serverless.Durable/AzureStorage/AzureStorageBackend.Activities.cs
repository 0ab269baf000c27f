using System.Text.Json;
using Azure;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Serverless.Durable.Backend;
using Serverless.Durable.Messaging;

namespace Serverless.Durable.AzureStorage;

/// <summary>The work-item queue: activities are fetched only as fast as there are free slots to run them.</summary>
internal sealed partial class AzureStorageBackend
{
    public async Task<ActivityWorkItem> LockNextActivityWorkItemAsync(CancellationToken cancellation)
    {
        Interlocked.Increment(ref _activityWaiters);
        try
        {
            while (true)
            {
                if (_activityBuffer.TryDequeue(out var ready))
                {
                    return ready;
                }

                await _activityFetch.WaitAsync(cancellation);
                try
                {
                    await FetchActivitiesAsync(cancellation);
                }
                finally
                {
                    _activityFetch.Release();
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _activityWaiters);
        }
    }

    private async Task FetchActivitiesAsync(CancellationToken cancellation)
    {
        while (true)
        {
            // Taken before looking at the buffer, so a hand-over between the look and the wait is not missed.
            var wake = _activityPolling.WakeSignal;
            if (!_activityBuffer.IsEmpty)
            {
                return;
            }

            if (!_activityPolling.IsDue)
            {
                await _activityPolling.WaitAsync(wake, cancellation);
                continue;
            }

            QueueMessage[] received;
            try
            {
                var wanted = Math.Clamp(Volatile.Read(ref _activityWaiters), 1, 32);
                received = (await _workItems.ReceiveMessagesAsync(wanted, _options.WorkItemVisibilityTimeout, cancellation)).Value;
            }
            catch (RequestFailedException e)
            {
                _logger.LogWarning(e, "Receiving from the work-item queue failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), _time, cancellation);
                continue;
            }

            if (received.Length == 0)
            {
                _activityPolling.Backoff();
                continue;
            }

            _activityPolling.Reset();
            foreach (var message in received)
            {
                if (_heldWorkItems.TryGetValue(message.MessageId, out var held))
                {
                    // Ours already (its hiding ran out while it waited or its answer waited): keep the newer receipt.
                    held.PopReceipt = message.PopReceipt;
                    continue;
                }

                var receipt = new QueueReceipt(-1, message.MessageId, message.PopReceipt);
                _heldWorkItems[message.MessageId] = receipt;
                try
                {
                    var decoded = await _codec.DecodeAsync(message.Body.ToString(), cancellation);
                    _activityBuffer.Enqueue(new AzureActivityWorkItem(decoded, (int)message.DequeueCount, receipt));
                }
                catch (Exception e) when (e is JsonException or RequestFailedException { Status: 404 })
                {
                    _logger.LogError(e, "Work item {MessageId} is unreadable; moving it to quarantine", message.MessageId);
                    var record = JsonSerializer.Serialize(new QuarantineRecord(null, message.MessageId, $"Unreadable: {e.Message}", null, message.Body.ToString()));
                    await _quarantine.SendMessageAsync(record, null, TimeSpan.FromSeconds(-1), cancellation);
                    await DeleteAsync(receipt, cancellation);
                }
            }
        }
    }

    /// <summary>
    /// Sends an activity of an episode to the work-item queue. With an idle slot here, the message is sent
    /// already hidden and handed to that slot at once: no receive round trip or polling delay. A crash makes it
    /// visible again after the visibility timeout, like any received message.
    /// </summary>
    private async Task ScheduleActivityAsync(TaskMessage message, CancellationToken cancellation)
    {
        var local = _options.LocalDispatch && _listening is not null && _activityBuffer.Count < Volatile.Read(ref _activityWaiters);
        if (!local)
        {
            await SendAsync(new OutboundMessage(message, MessageDestination.Activity), cancellation);
            return;
        }

        var body = await _codec.EncodeAsync(message, cancellation);
        var sent = await _workItems.SendMessageAsync(body, _options.WorkItemVisibilityTimeout, TimeSpan.FromSeconds(-1), cancellation);
        var receipt = new QueueReceipt(-1, sent.Value.MessageId, sent.Value.PopReceipt);
        _heldWorkItems[receipt.QueueMessageId] = receipt;
        _activityBuffer.Enqueue(new AzureActivityWorkItem(message, 1, receipt));
        _activityPolling.Wake();
    }

    public async Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage result, CancellationToken cancellation)
    {
        var receipt = ((AzureActivityWorkItem)workItem).Receipt;
        var partition = PartitionMap.PartitionOf(result.InstanceId, PartitionCount);
        if (_options.LocalDispatch && _leases?.Owns(partition) == true)
        {
            // This host owns the instance: the answer joins its next episode directly, and the still-hidden work
            // item is deleted with that episode's commit. Until then the work item itself is the durable answer.
            await InjectFaultAsync("activity.answer");
            Buffer(result, receipt, 1);
            return;
        }

        await InjectFaultAsync("activity.answer");
        await SendAsync(new OutboundMessage(result, MessageDestination.Orchestration), cancellation);
        await InjectFaultAsync("activity.delete");
        InBackground(DeleteAsync(receipt, CancellationToken.None), workItem.Message.InstanceId);
    }

    public async Task QuarantineActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage failure, string reason, CancellationToken cancellation)
    {
        await QuarantineAsync(workItem.Message, reason, cancellation);
        await CompleteActivityWorkItemAsync(workItem, failure, cancellation);
    }

    public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellation) =>
        HideAsync(((AzureActivityWorkItem)workItem).Receipt, TimeSpan.FromSeconds(1), cancellation);

    public Task RenewActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellation) =>
        HideAsync(((AzureActivityWorkItem)workItem).Receipt, _options.WorkItemVisibilityTimeout, cancellation, renewing: true);
}
