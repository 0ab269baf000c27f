using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Serverless.Worker.Diagnostics;

/// <summary>The worker's trace source and metrics.</summary>
public static class WorkerTelemetry
{
    public const string Name = "Serverless.Worker";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> JobsCompleted = Meter.CreateCounter<long>("worker.render.jobs", description: "Render jobs finished, by outcome.");

    public static readonly Histogram<double> RenderSeconds = Meter.CreateHistogram<double>("worker.render.duration", unit: "s", description: "Wall time of a render.");
}
