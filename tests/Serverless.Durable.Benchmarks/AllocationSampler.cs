using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Serverless.Durable.Benchmarks;

/// <summary>The runtime's allocation samples (one per ~100 KB) summed by type, for DURABLE_BENCH_ALLOCATIONS=1.</summary>
public sealed class AllocationSampler : EventListener
{
    private readonly ConcurrentDictionary<string, long> _byType = new(StringComparer.Ordinal);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && eventData.Payload is { } payload)
        {
            var type = payload[eventData.PayloadNames!.IndexOf("TypeName")] as string ?? "?";
            _byType.AddOrUpdate(type, 1, (_, n) => n + 1);
        }
    }

    public IEnumerable<(string Type, long Samples)> Top(int count) =>
        _byType.OrderByDescending(p => p.Value).Take(count).Select(p => (p.Key, p.Value));
}
