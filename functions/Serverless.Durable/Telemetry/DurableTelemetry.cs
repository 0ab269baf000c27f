using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Serverless.Durable;

/// <summary>Spans for orchestration episodes and activity executions, and the engine's counters.</summary>
public static class DurableTelemetry
{
    public const string Name = "Serverless.Durable";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> OrchestrationsStarted = Meter.CreateCounter<long>("durable.orchestrations.started");
    internal static readonly Counter<long> OrchestrationsCompleted = Meter.CreateCounter<long>("durable.orchestrations.completed");
    internal static readonly Counter<long> OrchestrationsFailed = Meter.CreateCounter<long>("durable.orchestrations.failed");
    internal static readonly Counter<long> ActivitiesStarted = Meter.CreateCounter<long>("durable.activities.started");
    internal static readonly Counter<long> ActivitiesCompleted = Meter.CreateCounter<long>("durable.activities.completed");
    internal static readonly Counter<long> ActivitiesFailed = Meter.CreateCounter<long>("durable.activities.failed");
    internal static readonly Counter<long> MessagesQuarantined = Meter.CreateCounter<long>("durable.messages.quarantined");
    internal static readonly Histogram<double> EpisodeDuration = Meter.CreateHistogram<double>("durable.episode.duration", "ms");

    /// <summary>Approximate messages per queue, kept current by running workers.</summary>
    internal static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> QueueDepths = new(StringComparer.Ordinal);

    private static readonly ObservableGauge<long> QueueDepth = Meter.CreateObservableGauge(
        "durable.queue.depth",
        () => QueueDepths.Select(q => new Measurement<long>(q.Value, new KeyValuePair<string, object?>("queue", q.Key))),
        "messages");
}
