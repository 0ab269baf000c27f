using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Azure;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Serverless.Durable.Backend;
using Serverless.Durable.History;
using Serverless.Durable.Messaging;

namespace Serverless.Durable.AzureStorage;

/// <summary>
/// A task hub on Azure Storage: instances and history tables, partitioned control queues, one work-item queue
/// and a payload container. State lives only in storage, so a killed host loses nothing: messages it held
/// reappear after their visibility timeout and history commits are guarded by the sentinel ETag.
/// </summary>
internal sealed partial class AzureStorageBackend : IOrchestrationBackend
{
    private const int MaxHistoryCacheEntries = 5_000;

    // The longest a waiter on a locally owned instance goes without re-reading it (the partition may move).
    private static readonly TimeSpan LocalCompletionWait = TimeSpan.FromSeconds(5);

    // A large fan-out sends in waves rather than opening hundreds of requests at once.
    private const int MaxParallelSends = 32;
    private readonly AzureStorageOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TaskHubNames _names;
    private readonly TableServiceClient _tables;
    private readonly QueueServiceClient _queues;
    private readonly PayloadStore _payloads;
    private readonly QueueMessageCodec _codec;
    private readonly HistoryTable _history;
    private readonly InstanceTable _instances;
    private readonly QueueClient _workItems;
    private readonly QueueClient _quarantine;
    private readonly InstanceChangeSignals _signals = new();
    private readonly SemaphoreSlim _createGate = new(1, 1);
    private readonly ConcurrentDictionary<string, StoredHistory> _historyCache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, InstanceRecord> _instanceCache = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    // Dequeue count when this process first received a control message. A message re-received while still
    // buffered or locked here (its visibility ran out under load) is not a failed delivery and must not push it
    // towards the poison threshold.
    private readonly ConcurrentDictionary<string, int> _firstDequeueCount = new(StringComparer.Ordinal);

    // Work items this process holds (queued for a local slot, running, or answered and awaiting the episode that
    // records the answer), by queue message id. If one becomes visible again and this process receives it, the
    // new pop receipt is taken over instead of running the activity a second time.
    private readonly ConcurrentDictionary<string, QueueReceipt> _heldWorkItems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InstanceBuffer> _buffers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _locked = new(StringComparer.Ordinal);
    private readonly Channel<string> _ready = Channel.CreateUnbounded<string>();
    private readonly SemaphoreSlim _activityFetch = new(1, 1);
    private readonly ConcurrentQueue<AzureActivityWorkItem> _activityBuffer = new();
    private readonly PollingBackoff _activityPolling;
    private int _activityWaiters;
    private QueueClient[] _controlQueues = [];
    private PollingBackoff[] _controlPolling = [];
    private bool _created;
    private CancellationTokenSource? _listening;
    private readonly List<Task> _listeners = [];
    private PartitionLeases? _leases;
    private readonly List<Task> _background = [];

    public AzureStorageBackend(AzureStorageOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        _options = options;
        _time = time;
        _logger = loggers.CreateLogger("Serverless.Durable.AzureStorage");
        _names = new TaskHubNames(options.TaskHubName);
        BlobServiceClient blobs;
        if (options.MaxConnectionsPerServer < 1)
        {
            throw new InvalidOperationException($"MaxConnectionsPerServer must be at least 1 (it is {options.MaxConnectionsPerServer}).");
        }

        // One connection pool for the hub's three services, optionally bounded: then a burst of work (hundreds of
        // instances started at once) queues for a connection instead of opening hundreds, each with its buffers.
        var transport = new HttpClientTransport(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.MaxConnectionsPerServer,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),

            // As the SDK's own default handler: storage answers are never redirected and carry no cookies.
            AllowAutoRedirect = false,
            UseCookies = false,
        });
        var tableOptions = new TableClientOptions { Transport = transport };
        var queueOptions = new QueueClientOptions { Transport = transport };
        var blobOptions = new BlobClientOptions { Transport = transport };
        if (!string.IsNullOrEmpty(options.ConnectionString))
        {
            _tables = new TableServiceClient(options.ConnectionString, tableOptions);
            _queues = new QueueServiceClient(options.ConnectionString, queueOptions);
            blobs = new BlobServiceClient(options.ConnectionString, blobOptions);
        }
        else if (options is { Credential: { } credential, TableServiceUri: { } tables, QueueServiceUri: { } queues, BlobServiceUri: { } blobUri })
        {
            _tables = new TableServiceClient(tables, credential, tableOptions);
            _queues = new QueueServiceClient(queues, credential, queueOptions);
            blobs = new BlobServiceClient(blobUri, credential, blobOptions);
        }
        else
        {
            throw new InvalidOperationException("Azure Storage for the task hub needs a ConnectionString, or TableServiceUri, QueueServiceUri, BlobServiceUri and a Credential.");
        }

        _payloads = new PayloadStore(blobs.GetBlobContainerClient(_names.PayloadContainer));
        _codec = new QueueMessageCodec(_payloads);
        _history = new HistoryTable(_tables.GetTableClient(_names.HistoryTable), _payloads);
        _instances = new InstanceTable(_tables.GetTableClient(_names.InstancesTable), _payloads);
        _workItems = _queues.GetQueueClient(_names.WorkItemQueue);
        _quarantine = _queues.GetQueueClient(_names.QuarantineQueue);
        _activityPolling = new PollingBackoff(options.MaxPollingInterval, time);
    }

    public int PartitionCount => _controlQueues.Length;

    public TimeSpan ActivityRenewalInterval => TimeSpan.FromTicks(_options.WorkItemVisibilityTimeout.Ticks / 3);

    internal TaskHubNames Names => _names;

    internal QueueClient QuarantineQueue => _quarantine;

    /// <summary>Control-queue partitions this host listens to now.</summary>
    internal IReadOnlyCollection<int> OwnedPartitions => _leases?.OwnedPartitions ?? [];

    /// <summary>Called before each storage step of a commit; fault-injection tests make it throw.</summary>
    internal Func<string, Task>? FaultInjector { get; set; }

    private Task InjectFaultAsync(string step) => FaultInjector?.Invoke(step) ?? Task.CompletedTask;

    public async Task CreateIfNotExistsAsync(CancellationToken cancellation)
    {
        if (_created)
        {
            return;
        }

        await _createGate.WaitAsync(cancellation);
        try
        {
            if (_created)
            {
                return;
            }

            await Task.WhenAll(
                _history.Table.CreateIfNotExistsAsync(cancellation),
                _instances.Table.CreateIfNotExistsAsync(cancellation),
                _tables.GetTableClient(_names.PartitionsTable).CreateIfNotExistsAsync(cancellation),
                _payloads.Container.CreateIfNotExistsAsync(cancellationToken: cancellation),
                _workItems.CreateIfNotExistsAsync(cancellationToken: cancellation),
                _quarantine.CreateIfNotExistsAsync(cancellationToken: cancellation));
            var info = await ReadOrRecordHubInfoAsync(cancellation);
            var queues = Enumerable.Range(0, info.PartitionCount).Select(p => _queues.GetQueueClient(_names.ControlQueue(p))).ToArray();
            await Task.WhenAll(queues.Select(q => q.CreateIfNotExistsAsync(cancellationToken: cancellation)));
            _controlQueues = queues;
            _controlPolling = queues.Select(_ => new PollingBackoff(_options.MaxPollingInterval, _time)).ToArray();
            _created = true;
        }
        finally
        {
            _createGate.Release();
        }
    }

    private async Task<TaskHubInfo> ReadOrRecordHubInfoAsync(CancellationToken cancellation)
    {
        var blob = _payloads.Container.GetBlobClient("taskhub.json");
        var proposed = new TaskHubInfo(Math.Max(1, _options.PartitionCount), _time.GetUtcNow());
        try
        {
            await blob.UploadAsync(BinaryData.FromObjectAsJson(proposed), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellation);
            return proposed;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // The hub exists: its recorded partition count wins over configuration.
        }

        var recorded = (await blob.DownloadContentAsync(cancellation)).Value.Content.ToObjectFromJson<TaskHubInfo>()
            ?? throw new InvalidOperationException($"Task hub '{_names.Hub}' has an unreadable taskhub.json.");
        if (recorded.PartitionCount != _options.PartitionCount)
        {
            _logger.LogWarning("Task hub {Hub} was created with {Recorded} partitions; using that instead of the configured {Configured}",
                _names.Hub, recorded.PartitionCount, _options.PartitionCount);
        }

        return recorded;
    }

    public async Task DeleteAsync(CancellationToken cancellation)
    {
        var queueNames = new List<string> { _names.WorkItemQueue, _names.QuarantineQueue };
        await foreach (var queue in _queues.GetQueuesAsync(prefix: _names.Hub.ToLowerInvariant() + "-control-", cancellationToken: cancellation))
        {
            queueNames.Add(queue.Name);
        }

        await Task.WhenAll(queueNames.Select(n => _queues.DeleteQueueAsync(n, cancellation)));
        await Task.WhenAll(
            _tables.DeleteTableAsync(_names.HistoryTable, cancellation),
            _tables.DeleteTableAsync(_names.InstancesTable, cancellation),
            _tables.DeleteTableAsync(_names.PartitionsTable, cancellation),
            _payloads.Container.DeleteIfExistsAsync(cancellationToken: cancellation));
        _created = false;
    }

    public async Task StartAsync(CancellationToken cancellation)
    {
        await CreateIfNotExistsAsync(cancellation);
        _listening = new CancellationTokenSource();
        _leases = new PartitionLeases(
            _tables.GetTableClient(_names.PartitionsTable), PartitionCount, _options, _time, _logger, StartListening);
        _listeners.Add(_leases.RunAsync(_listening.Token));
        _listeners.Add(MeasureQueuesAsync(_listening.Token));
    }

    /// <summary>Feeds the queue-depth gauge every few seconds while the worker runs.</summary>
    private async Task MeasureQueuesAsync(CancellationToken stopping)
    {
        var queues = _controlQueues.Append(_workItems).Append(_quarantine).ToList();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                foreach (var queue in queues)
                {
                    try
                    {
                        var properties = await queue.GetPropertiesAsync(stopping);
                        DurableTelemetry.QueueDepths[queue.Name] = properties.Value.ApproximateMessagesCount;
                    }
                    catch (RequestFailedException e)
                    {
                        _logger.LogDebug(e, "Could not measure queue {Queue}", queue.Name);
                    }
                }

                await Task.Delay(TimeSpan.FromSeconds(10), _time, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            foreach (var queue in queues)
            {
                DurableTelemetry.QueueDepths.TryRemove(queue.Name, out _);
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellation)
    {
        // The worker stops the backend and the container disposes it, sometimes at the same moment: only the
        // first caller does the work.
        var listening = Interlocked.Exchange(ref _listening, null);
        if (listening is null)
        {
            return;
        }

        await listening.CancelAsync();
        await Task.WhenAll(_listeners);
        _listeners.Clear();
        if (_leases is not null)
        {
            await _leases.ReleaseAllAsync(cancellation);
        }

        await DrainBackgroundAsync();

        // Messages taken but not yet worked on become visible again at once instead of after their timeout.
        List<(TaskMessage Message, List<QueueReceipt> Receipts)> held;
        lock (_gate)
        {
            held = _buffers.Values.SelectMany(b => b.Messages.Values).Select(m => (m.Message, m.Receipts)).ToList();
            _buffers.Clear();
        }

        _heldWorkItems.Clear();
        await Task.WhenAll(held.SelectMany(h => h.Receipts).Select(r => HideAsync(r, TimeSpan.Zero, CancellationToken.None)));
        while (_activityBuffer.TryDequeue(out var activity))
        {
            await HideAsync(activity.Receipt, TimeSpan.Zero, CancellationToken.None);
        }

        listening.Dispose();
    }

    /// <summary>Called by the lease keeper for each partition this host owns; returns when the lease is lost.</summary>
    private Task StartListening(int partition, CancellationToken owned) => ListenAsync(partition, owned);

    // The semaphores are left to the collector: a worker slot may still release one while the container disposes.
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    public async Task CreateInstanceAsync(InstanceRecord instance, CancellationToken cancellation)
    {
        ValidateInstanceId(instance.InstanceId);
        var fresh = await _instances.CreateAsync(instance, cancellation);
        if (fresh && _leases?.Owns(PartitionMap.PartitionOf(instance.InstanceId, PartitionCount)) == true)
        {
            // This host will run the first episode: it already knows the row and that there is no history, which
            // saves two reads. Were either wrong, the sentinel insert of the first commit conflicts and the episode
            // is retried from storage.
            _instanceCache[instance.InstanceId] = instance;
            _historyCache[instance.InstanceId] = new StoredHistory(OrchestrationHistory.Empty, null);
        }
    }

    public async Task SendAsync(OutboundMessage outbound, CancellationToken cancellation)
    {
        var body = await _codec.EncodeAsync(outbound.Message, cancellation);
        var delay = outbound.VisibleAt is { } at ? at - _time.GetUtcNow().UtcDateTime : TimeSpan.Zero;
        var visibility = WholeSeconds(delay);
        var forever = TimeSpan.FromSeconds(-1);
        if (outbound.Destination == MessageDestination.Activity)
        {
            await _workItems.SendMessageAsync(body, visibility, forever, cancellation);
            _activityPolling.Poke();
            return;
        }

        var partition = PartitionMap.PartitionOf(outbound.Message.InstanceId, PartitionCount);
        await _controlQueues[partition].SendMessageAsync(body, visibility, forever, cancellation);
        if (visibility is null)
        {
            _controlPolling[partition].Poke();
        }
    }

    public async Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellation) =>
        (await _instances.GetAsync(instanceId, includePayloads, cancellation)).Record;

    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellation) =>
        (await _history.LoadAsync(instanceId, cancellation)).History.Events;

    public Task<(IReadOnlyList<InstanceRecord> Instances, string? ContinuationToken)> QueryAsync(InstanceQuery query, CancellationToken cancellation) =>
        _instances.QueryAsync(query, cancellation);

    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellation)
    {
        _historyCache.TryRemove(instanceId, out _);
        _instanceCache.TryRemove(instanceId, out _);
        var existed = await _instances.DeleteAsync(instanceId, cancellation);
        await _history.DeleteInstanceAsync(instanceId, cancellation);
        await _payloads.DeleteInstanceAsync(instanceId, cancellation);
        return existed;
    }

    /// <summary>
    /// An instance whose partition this host owns is committed here, and its completion wakes the waiter at once,
    /// so the waiter re-reads the row rarely; otherwise it polls at the client's pace.
    /// </summary>
    public Task WaitForChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellation)
    {
        var local = _listening is not null && _leases?.Owns(PartitionMap.PartitionOf(instanceId, PartitionCount)) == true;
        return _signals.WaitAsync(instanceId, local && maxWait < LocalCompletionWait ? LocalCompletionWait : maxWait, cancellation);
    }

    /// <summary>Queues count visibility in whole seconds; round up so a message is never visible early.</summary>
    private static TimeSpan? WholeSeconds(TimeSpan delay) =>
        delay <= TimeSpan.Zero ? null : TimeSpan.FromSeconds(Math.Min(Math.Ceiling(delay.TotalSeconds), TimeSpan.FromDays(6).TotalSeconds));

    private static void ValidateInstanceId(string instanceId)
    {
        if (string.IsNullOrWhiteSpace(instanceId) || instanceId.Length > 256 || instanceId.IndexOfAny(['/', '\\', '#', '?']) >= 0 || instanceId.Any(char.IsControl))
        {
            throw new ArgumentException($"Instance id '{instanceId}' must be 1-256 characters without '/', '\\', '#', '?' or control characters.", nameof(instanceId));
        }
    }

    /// <summary>Clean-up whose loss costs only a duplicate delivery; failures are logged, stop waits for it.</summary>
    private void InBackground(Task work, string instanceId)
    {
        _ = work.ContinueWith(
            t => _logger.LogWarning(t.Exception, "Deleting settled messages of {InstanceId} failed; they will be redelivered and dropped", instanceId),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        lock (_background)
        {
            _background.RemoveAll(t => t.IsCompleted);
            _background.Add(work);
        }
    }

    private async Task DrainBackgroundAsync()
    {
        Task[] pending;
        lock (_background)
        {
            pending = [.. _background];
            _background.Clear();
        }

        await Task.WhenAll(pending.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    /// <summary>Makes a message visible again after the delay; unless renewing, this process lets go of it.</summary>
    private async Task HideAsync(QueueReceipt receipt, TimeSpan delay, CancellationToken cancellation, bool renewing = false)
    {
        _firstDequeueCount.TryRemove(receipt.QueueMessageId, out _);
        if (!renewing)
        {
            _heldWorkItems.TryRemove(receipt.QueueMessageId, out _);
        }

        var queue = receipt.Partition < 0 ? _workItems : _controlQueues[receipt.Partition];
        try
        {
            var updated = await queue.UpdateMessageAsync(receipt.QueueMessageId, receipt.PopReceipt, visibilityTimeout: WholeSeconds(delay) ?? TimeSpan.Zero, cancellationToken: cancellation);
            receipt.PopReceipt = updated.Value.PopReceipt;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 400)
        {
            // Already deleted, or received again elsewhere after its visibility timeout: that copy carries on.
            _logger.LogDebug("Queue message {MessageId} was gone when re-hiding it: {Status}", receipt.QueueMessageId, e.Status);
        }
    }

    private async Task DeleteAsync(QueueReceipt receipt, CancellationToken cancellation)
    {
        _firstDequeueCount.TryRemove(receipt.QueueMessageId, out _);
        _heldWorkItems.TryRemove(receipt.QueueMessageId, out _);
        var queue = receipt.Partition < 0 ? _workItems : _controlQueues[receipt.Partition];
        try
        {
            await queue.DeleteMessageAsync(receipt.QueueMessageId, receipt.PopReceipt, cancellation);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 400)
        {
            // Received again after a visibility timeout: the redelivered copy is recognised as a duplicate.
            _logger.LogDebug("Queue message {MessageId} was gone when deleting it: {Status}", receipt.QueueMessageId, e.Status);
        }
    }

    private async Task QuarantineAsync(TaskMessage message, string reason, CancellationToken cancellation)
    {
        var record = JsonSerializer.Serialize(new QuarantineRecord(message.InstanceId, message.Id, reason, message.Event.Describe(), await _codec.EncodeAsync(message, cancellation)));
        await _quarantine.SendMessageAsync(record, null, TimeSpan.FromSeconds(-1), cancellation);
    }

    public async Task<IReadOnlyList<QuarantinedMessageInfo>> GetQuarantineAsync(CancellationToken cancellation)
    {
        var peeked = await _quarantine.PeekMessagesAsync(32, cancellation);
        return peeked.Value
            .Select(m => JsonSerializer.Deserialize<QuarantineRecord>(m.Body.ToString()))
            .Select(r => new QuarantinedMessageInfo(r?.InstanceId ?? "", r?.MessageId ?? "", r?.Reason ?? "", r?.Event ?? ""))
            .ToList();
    }

    /// <summary>What the quarantine queue holds: the reason and the original body, so it can be sent again.</summary>
    private sealed record QuarantineRecord(string? InstanceId, string? MessageId, string Reason, string? Event, string? Body);

    private sealed class InstanceBuffer
    {
        public Dictionary<string, BufferedMessage> Messages { get; } = new(StringComparer.Ordinal);

        public bool Scheduled { get; set; }
    }

    private sealed class BufferedMessage(TaskMessage message)
    {
        public TaskMessage Message { get; } = message;

        public List<QueueReceipt> Receipts { get; } = [];

        public int DequeueCount { get; set; }
    }
}
