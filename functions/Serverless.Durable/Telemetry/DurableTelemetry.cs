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

    /// <summary>Registers a gauge of queued messages read by the backend.</summary>
    internal static void ObserveQueueDepth(Func<IEnumerable<Measurement<long>>> observe) =>
        Meter.CreateObservableGauge("durable.queue.depth", observe, "messages");
}
