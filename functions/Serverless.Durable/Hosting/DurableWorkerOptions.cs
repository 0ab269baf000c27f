namespace Serverless.Durable;

public sealed class DurableWorkerOptions
{
    /// <summary>Runs the dispatchers in this process; false makes it a client only.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Activities running at once in this process (the Durable Task Framework's default, 10 per core).</summary>
    public int MaxConcurrentActivities { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>Episodes at once; they mostly wait on storage, so many can overlap.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 50;

    /// <summary>A message delivered more often than this is quarantined and fails its activity or instance.</summary>
    public int MaxDequeueCount { get; set; } = 10;

    /// <summary>An execution whose history would grow past this fails, pointing at ContinueAsNew.</summary>
    public int MaxHistoryEvents { get; set; } = 20_000;
}
