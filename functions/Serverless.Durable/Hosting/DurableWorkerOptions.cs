namespace Serverless.Durable;

public sealed class DurableWorkerOptions
{
    /// <summary>Runs the dispatchers in this process; false makes it a client only.</summary>
    public bool Enabled { get; set; } = true;

    public int MaxConcurrentActivities { get; set; } = 4 * Environment.ProcessorCount + 8;

    public int MaxConcurrentOrchestrations { get; set; } = 4 * Environment.ProcessorCount + 8;

    /// <summary>A message delivered more often than this is quarantined and fails its activity or instance.</summary>
    public int MaxDequeueCount { get; set; } = 10;

    /// <summary>An execution whose history would grow past this fails, pointing at ContinueAsNew.</summary>
    public int MaxHistoryEvents { get; set; } = 20_000;
}
