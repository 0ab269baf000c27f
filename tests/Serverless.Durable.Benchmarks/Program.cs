using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.Durable;
using Serverless.Durable.Benchmarks;
using Serverless.Testing;

// Throughput and latency of the engine on Azurite (or SERVERLESS_TEST_STORAGE), client and worker in one
// process, with the anchor's figures (Durable Task Framework, Azure Storage provider, same machine) beside ours.
var connection = Environment.GetEnvironmentVariable("SERVERLESS_TEST_STORAGE") is { Length: > 0 } c ? c : "UseDevelopmentStorage=true";
// dev.sh passes --output FILE; a bare first argument is taken as the file too.
var output = (Array.IndexOf(args, "--output") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)))
    ?? Path.Combine((SourceTree.TryFindRoot() ?? Directory.GetCurrentDirectory()), "artifacts", "bench", "durable.json");
var hub = "bench" + Guid.NewGuid().ToString("N")[..10];
var sequenceCount = int.TryParse(Environment.GetEnvironmentVariable("DURABLE_BENCH_SEQUENCE"), out var n) ? n : 200;
var fanoutCount = int.TryParse(Environment.GetEnvironmentVariable("DURABLE_BENCH_FANOUT"), out var f) ? f : 500;

var services = new ServiceCollection();
var verbose = Environment.GetEnvironmentVariable("DURABLE_BENCH_VERBOSE") == "1";
services.AddLogging(l => l.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Warning));
services.AddDurableTask(builder =>
{
    builder.AddActivity<Noop>().AddOrchestrator<Sequence>().AddOrchestrator<FanOut>();
    builder.UseAzureStorage(o =>
    {
        o.ConnectionString = connection;
        o.TaskHubName = hub;
        o.PartitionCount = 4;
        if (int.TryParse(Environment.GetEnvironmentVariable("DURABLE_BENCH_CONNECTIONS"), out var connections))
        {
            o.MaxConnectionsPerServer = connections;
        }
    });
});
await using var provider = services.BuildServiceProvider();
var hosted = provider.GetServices<IHostedService>().ToList();
foreach (var service in hosted)
{
    await service.StartAsync(CancellationToken.None);
}

var client = provider.GetRequiredService<DurableTaskClient>();
var results = new JsonObject();
using var memory = new MemorySampler();
using var allocations = Environment.GetEnvironmentVariable("DURABLE_BENCH_ALLOCATIONS") == "1" ? new AllocationSampler() : null;
try
{
    memory.Phase("warm-up");
    await RunAsync(client, nameof(Sequence), 3);
    memory.Phase("hops");

    var hops = new List<double>();
    for (var run = 0; run < 5; run++)
    {
        var watch = Stopwatch.StartNew();
        await RunAsync(client, nameof(Sequence), 20);
        hops.Add(watch.Elapsed.TotalMilliseconds / 20);
    }

    results["hop_latency_p50_ms"] = Round(Percentile(hops, 50));
    Console.WriteLine($"hop latency p50: {Percentile(hops, 50):F1} ms ({string.Join(", ", hops.Select(h => h.ToString("F1", CultureInfo.InvariantCulture)))})");

    memory.Phase("sequence");
    var sequence = Stopwatch.StartNew();
    var scheduled = await Task.WhenAll(Enumerable.Range(0, sequenceCount).Select(async _ =>
    {
        var started = Stopwatch.GetTimestamp();
        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(Sequence), 5);
        await client.WaitForInstanceCompletionAsync(id);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }));
    var sequenceSeconds = sequence.Elapsed.TotalSeconds;
    results["sequence_s"] = Round(sequenceSeconds);
    results["sequence_orchestrations"] = sequenceCount;
    results["sequence_orchestrations_per_s"] = Round(sequenceCount / sequenceSeconds);
    results["sequence_activities_per_s"] = Round(sequenceCount * 5 / sequenceSeconds);
    results["sequence_latency_p50_ms"] = Round(Percentile(scheduled, 50));
    results["sequence_latency_p99_ms"] = Round(Percentile(scheduled, 99));
    Console.WriteLine($"sequence {sequenceCount}x5: {sequenceSeconds:F2} s");

    memory.Phase("fanout");
    var fanout = Stopwatch.StartNew();
    var sum = await RunAsync(client, nameof(FanOut), fanoutCount);
    results["fanout_500_s"] = Round(fanout.Elapsed.TotalSeconds);
    results["fanout_activities"] = fanoutCount;
    Console.WriteLine($"fanout {fanoutCount}: {fanout.Elapsed.TotalSeconds:F2} s (sum {sum})");
    if (sum != Enumerable.Range(1, fanoutCount).Sum())
    {
        throw new InvalidOperationException($"Fan-out returned {sum}.");
    }

    results["peak_rss_mb"] = Round(Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0));
    memory.Phase("done");
    foreach (var (type, samples) in allocations?.Top(25) ?? [])
    {
        Console.WriteLine($"allocated ~{samples / 10.0:F1} MB of {type}");
    }

    results["memory_by_phase"] = memory.Report();
    Console.WriteLine($"memory by phase: {results["memory_by_phase"]!.ToJsonString()}");
    results["anchor_sequence_s"] = 16.5;
    results["anchor_sequence_orchestrations_per_s"] = 12.0;
    results["anchor_sequence_activities_per_s"] = 60.0;
    results["anchor_sequence_latency_p50_ms"] = 16600.0;
    results["anchor_fanout_500_s"] = 8.0;
    results["anchor_hop_latency_p50_ms"] = 21.0;
    results["anchor_peak_rss_mb"] = 147.0;
    results["ratio_sequence_throughput"] = Round(results["sequence_orchestrations_per_s"]!.GetValue<double>() / 12.0);
    results["ratio_fanout_500_speed"] = Round(8.0 / results["fanout_500_s"]!.GetValue<double>());
    results["ratio_hop_latency_speed"] = Round(21.0 / results["hop_latency_p50_ms"]!.GetValue<double>());
}
finally
{
    foreach (var service in hosted)
    {
        await service.StopAsync(CancellationToken.None);
    }

    await DeleteHubAsync(connection, hub);
}

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
var json = results.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
await File.WriteAllTextAsync(output, json);
Console.WriteLine(json);
Console.WriteLine($"written to {Path.GetFullPath(output)}");

static async Task<long> RunAsync(DurableTaskClient client, string orchestrator, int input)
{
    var id = await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input);
    var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
    if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
    {
        throw new InvalidOperationException($"{orchestrator} ended {done.RuntimeStatus}: {done.FailureDetails}");
    }

    return done.ReadOutputAs<long>();
}

static double Percentile(IReadOnlyCollection<double> values, double percentile)
{
    var sorted = values.Order().ToArray();
    var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
    return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
}

static double Round(double value) => Math.Round(value, 2);

static async Task DeleteHubAsync(string connection, string hub)
{
    await using var backend = new Serverless.Durable.AzureStorage.AzureStorageBackend(
        new AzureStorageOptions { ConnectionString = connection, TaskHubName = hub },
        TimeProvider.System,
        Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
    await backend.DeleteAsync(CancellationToken.None);
}
