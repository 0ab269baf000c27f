using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.TaskHub;

/// <summary>
/// The depth of each of the task hub's queues (control queues and work items) as the gauge <c>durable.queue.depth</c>
/// of meter <see cref="MeterName"/>: a backlog there is orchestrations or activities waiting for a host. Read every
/// <see cref="Interval"/> in the background, so a scrape costs no storage call.
/// </summary>
public sealed class TaskHubMetrics : BackgroundService
{
    public const string MeterName = "Serverless.TaskHub";

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    // One meter and one gauge per process, over every hub measured in it: meters of the same name made per host
    // would be one metric stream to the exporter, and only the first host's would be seen (tests run several hosts).
    private static readonly Meter Meter = new(MeterName);
    private static readonly ConcurrentDictionary<TaskHubMetrics, ConcurrentDictionary<string, long>> Hubs = new();
    private static readonly ObservableGauge<long> Depth = Meter.CreateObservableGauge(
        "durable.queue.depth",
        () => Hubs.Values.SelectMany(hub => hub).Select(d => new Measurement<long>(d.Value, new KeyValuePair<string, object?>("queue", d.Key))),
        unit: "{message}",
        description: "Messages waiting in each of the task hub's queues.");

    private readonly ConcurrentDictionary<string, long> _depths = new(StringComparer.Ordinal);
    private readonly QueueServiceClient _queues;
    private readonly TaskHubOptions _options;
    private readonly ILogger<TaskHubMetrics> _logger;

    /// <param name="queues">The host's queue client on the task hub's storage account (registered once by the app).</param>
    public TaskHubMetrics(QueueServiceClient queues, IOptions<TaskHubOptions> options, ILogger<TaskHubMetrics> logger)
    {
        _queues = queues;
        _options = options.Value;
        _logger = logger;
        Hubs[this] = _depths;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hub = _options.TaskHub.ToLowerInvariant();
        var names = Enumerable.Range(0, _options.PartitionCount).Select(i => $"{hub}-control-{i:00}").Append($"{hub}-workitems").ToList();
        using var timer = new PeriodicTimer(Interval);
        do
        {
            foreach (var name in names)
            {
                try
                {
                    _depths[name] = (await _queues.GetQueueClient(name).GetPropertiesAsync(stoppingToken)).Value.ApproximateMessagesCount;
                }
                catch (RequestFailedException e)
                {
                    // The engine creates its queues when it starts; until then (or in a hub another host owns) there is nothing to count.
                    _logger.LogDebug("Task hub queue {Queue} not measured: {Reason}", name, e.ErrorCode);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override void Dispose()
    {
        Hubs.TryRemove(this, out _);
        base.Dispose();
    }
}
