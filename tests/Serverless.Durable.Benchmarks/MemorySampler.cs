using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Serverless.Durable.Benchmarks;

/// <summary>
/// Samples the process every 20 ms and keeps, per phase, the highest resident set beside the managed heap and
/// thread count at that moment, so a peak can be told apart as managed objects, native buffers or code.
/// </summary>
public sealed class MemorySampler : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<(string Name, Peak Peak)> _phases = [];
    private readonly Timer _timer;
    private Peak? _current;

    public MemorySampler() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(20));

    public void Phase(string name)
    {
        lock (_gate)
        {
            var allocated = GC.GetTotalAllocatedBytes();
            if (_current is { } previous)
            {
                previous.Allocated = allocated - previous.Allocated;
            }

            _current = new Peak { Allocated = allocated };
            _phases.Add((name, _current));
        }

        Sample();
    }

    public JsonObject Report()
    {
        lock (_gate)
        {
            var report = new JsonObject();
            foreach (var (name, peak) in _phases)
            {
                report[name] = new JsonObject
                {
                    ["rss_mb"] = Math.Round(peak.Rss / Mb, 1),
                    ["managed_heap_mb"] = Math.Round(peak.Heap / Mb, 1),
                    ["gc_committed_mb"] = Math.Round(peak.Committed / Mb, 1),
                    ["rss_anonymous_mb"] = Math.Round(peak.Anonymous / Mb, 1),
                    ["rss_file_mb"] = Math.Round(peak.File / Mb, 1),
                    ["threads"] = peak.Threads,
                    ["gc_count"] = peak.Collections,
                    ["allocated_mb"] = Math.Round(peak.Allocated / Mb, 1),
                };
            }

            return report;
        }
    }

    public void Dispose() => _timer.Dispose();

    private const double Mb = 1024 * 1024;

    private void Sample()
    {
        using var process = Process.GetCurrentProcess();
        var rss = process.WorkingSet64;
        lock (_gate)
        {
            if (_current is { } peak && rss > peak.Rss)
            {
                var gc = GC.GetGCMemoryInfo();
                peak.Rss = rss;
                peak.Heap = GC.GetTotalMemory(false);
                peak.Committed = gc.TotalCommittedBytes;
                peak.Threads = process.Threads.Count;
                peak.Collections = GC.CollectionCount(0);
                (peak.Anonymous, peak.File) = ReadResidentKinds();
            }
        }
    }

    /// <summary>Linux splits the resident set into anonymous memory (heaps, stacks, JIT code) and mapped files.</summary>
    private static (long Anonymous, long File) ReadResidentKinds()
    {
        if (!OperatingSystem.IsLinux())
        {
            return (0, 0);
        }

        long anonymous = 0, file = 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
            {
                anonymous = Kilobytes(line);
            }
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal))
            {
                file = Kilobytes(line);
            }
        }

        return (anonymous, file);

        static long Kilobytes(string line) =>
            long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    private sealed class Peak
    {
        public long Anonymous { get; set; }

        public long File { get; set; }

        public int Collections { get; set; }

        /// <summary>Bytes allocated by the whole process during the phase (at its start, the running total).</summary>
        public long Allocated { get; set; }

        public long Rss { get; set; }

        public long Heap { get; set; }

        public long Committed { get; set; }

        public int Threads { get; set; }
    }
}
