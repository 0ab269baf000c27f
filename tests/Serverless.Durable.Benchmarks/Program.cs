using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableTask.AzureStorage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.Contracts.Rendering;
using Serverless.Durable.Benchmarks;
using Serverless.Studio;
using Serverless.Studio.Orchestrations;
using Serverless.TaskHub;
using Serverless.Testing;

// The task hub as the studio's local runner has it (Serverless.TaskHub's client and in-process worker on the Durable
// Task Framework's Azure Storage engine, TaskHubOptions' defaults, JobJson payloads) on Azurite or
// SERVERLESS_TEST_STORAGE, client and worker in one process. A fresh hub per run, deleted at the end.
// Knobs: DURABLE_BENCH_SEQUENCE (200 orchestrations of 5 activities), DURABLE_BENCH_FANOUT (500 activities),
// DURABLE_BENCH_IDLE_S (60 s idle before the pickup), DURABLE_BENCH_IDLE_RUNS (1),
// DURABLE_BENCH_VIDEOS (3 measured after one warm-up), DURABLE_BENCH_TIMEOUT_S (900, the
// whole run), DURABLE_BENCH_VERBOSE=1 (engine logs), DURABLE_BENCH_ALLOCATIONS=1 (allocations by type), and any
// Durable__* setting of TaskHubOptions.
var connection = Environment.GetEnvironmentVariable("SERVERLESS_TEST_STORAGE") is { Length: > 0 } c ? c : "UseDevelopmentStorage=true";
// dev.sh passes --output FILE; a bare first argument is taken as the file too.
var output = (Array.IndexOf(args, "--output") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)))
    ?? Path.Combine(SourceTree.TryFindRoot() ?? Directory.GetCurrentDirectory(), "artifacts", "bench", "durable.json");
var hub = "bench" + Guid.NewGuid().ToString("N")[..10];
var sequenceCount = Knob("DURABLE_BENCH_SEQUENCE", 200);
var fanoutCount = Knob("DURABLE_BENCH_FANOUT", 500);
var idleSeconds = Knob("DURABLE_BENCH_IDLE_S", 60);
var idleRuns = Knob("DURABLE_BENCH_IDLE_RUNS", 1);
var videoRuns = Knob("DURABLE_BENCH_VIDEOS", 3);
// The whole run stops here whatever hangs: a benchmark left running on a shared machine costs everyone.
using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(Knob("DURABLE_BENCH_TIMEOUT_S", 900)));
var cancellation = deadline.Token;

// The app binds Durable from its configuration, so Durable__* variables try other settings (e.g.
// Durable__MaxQueuePollingInterval=00:00:00.100) without a rebuild; the hub name is always this run's own.
var configuration = new ConfigurationBuilder()
    .AddEnvironmentVariables()
    .AddInMemoryCollection(new Dictionary<string, string?> { [$"{TaskHubOptions.Section}:{nameof(TaskHubOptions.TaskHub)}"] = hub })
    .Build();
var services = new ServiceCollection();
var verbose = Environment.GetEnvironmentVariable("DURABLE_BENCH_VERBOSE") == "1";
services.AddSingleton<IConfiguration>(configuration);
services.AddLogging(l => l.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Warning));
services.AddTaskHubClient(_ => TaskHubAccount.FromConnectionString(connection), JobJson.Options);
services.AddTaskHubWorker(new TaskHubRegistry()
    .Add([typeof(Noop), typeof(Sequence), typeof(FanOut)])
    .AddOrchestrator(typeof(VideoOrchestrator))
    .Add(CannedVideo.Activities));
services.AddSingleton<RenderDesk>();
services.AddOptions<StudioOptions>().Configure(o => o.PublicBaseUrl = new Uri("http://127.0.0.1:7071/"));

await using var provider = services.BuildServiceProvider();
var settings = provider.GetRequiredService<IOptions<TaskHubOptions>>().Value;
var engine = provider.GetRequiredService<AzureStorageOrchestrationService>();
var client = provider.GetRequiredService<DurableTaskClient>();
var desk = provider.GetRequiredService<RenderDesk>();
var results = new JsonObject
{
    ["settings"] = new JsonObject
    {
        ["partition_count"] = settings.PartitionCount,
        ["max_queue_polling_interval_ms"] = settings.MaxQueuePollingInterval.TotalMilliseconds,
        ["extended_sessions"] = settings.ExtendedSessions,
        ["max_concurrent_activities"] = settings.MaxConcurrentActivities ?? 10,
        ["max_concurrent_orchestrations"] = settings.MaxConcurrentOrchestrations,
    },
};
Console.WriteLine($"task hub {hub}: {results["settings"]!.ToJsonString()}");

using var memory = new MemorySampler();
using var allocations = Environment.GetEnvironmentVariable("DURABLE_BENCH_ALLOCATIONS") == "1" ? new AllocationSampler() : null;
var hosted = provider.GetServices<IHostedService>().ToList();
var finished = false;
try
{
    // The hub's tables and queues exist before the clock starts; creating them is not what is measured.
    await engine.CreateIfNotExistsAsync();
    foreach (var service in hosted)
    {
        await service.StartAsync(cancellation);
    }

    // The first episodes wait for the worker to own its partitions' leases and pay for JIT: not measured.
    memory.Phase("warm-up");
    var warmUp = Stopwatch.StartNew();
    await RunAsync(nameof(Sequence), 3);
    Report("warm_up_s", warmUp.Elapsed.TotalSeconds, "warm-up (leases, JIT)", "s");

    memory.Phase("hops");
    var hops = new List<double>();
    for (var run = 0; run < 5; run++)
    {
        var watch = Stopwatch.StartNew();
        await RunAsync(nameof(Sequence), 20);
        hops.Add(watch.Elapsed.TotalMilliseconds / 20);
    }

    Report("hop_latency_p50_ms", Percentile(hops, 50), $"hop latency p50 ({string.Join(", ", hops.Select(Format))} ms)", "ms");

    memory.Phase("video");
    await VideoAsync("video-warm-up");
    var videos = new List<double>();
    for (var run = 0; run < videoRuns; run++)
    {
        videos.Add(await VideoAsync($"video-{run}"));
    }

    Report("video_overhead_s", Percentile(videos, 50), $"video of {CannedVideo.Shots} shots, submit -> Completed, p50 ({string.Join(", ", videos.Select(Format))} s)", "s");
    results["video_shots"] = CannedVideo.Shots;
    results["video_runs"] = videoRuns;
    results["goal_video_overhead_s"] = 1.5;

    memory.Phase("sequence");
    var sequenceStart = DateTimeOffset.UtcNow;
    await Task.WhenAll(Enumerable.Range(0, sequenceCount).Select(i => client.ScheduleNewOrchestrationInstanceAsync(
        nameof(Sequence), 5, new StartOrchestrationOptions($"sequence-{i:0000}"), cancellation)));
    var sequence = await AllCompletedAsync("sequence-", sequenceCount);
    // The engine's own completion stamps: how often the bench looks does not change the figure.
    var sequenceSeconds = (sequence.Max(s => s.LastUpdatedAt) - sequenceStart).TotalSeconds;
    var latencies = sequence.Select(s => (s.LastUpdatedAt - s.CreatedAt).TotalMilliseconds).ToList();
    results["sequence_orchestrations"] = sequenceCount;
    Report("sequence_s", sequenceSeconds, $"sequence of {sequenceCount} orchestrations x 5 activities", "s");
    Report("sequence_orchestrations_per_s", sequenceCount / sequenceSeconds, "sequence throughput", "orchestrations/s");
    Report("sequence_activities_per_s", sequenceCount * 5 / sequenceSeconds, "sequence throughput", "activities/s");
    Report("sequence_latency_p50_ms", Percentile(latencies, 50), "sequence latency p50", "ms");
    Report("sequence_latency_p99_ms", Percentile(latencies, 99), "sequence latency p99", "ms");

    memory.Phase("fanout");
    var fanout = Stopwatch.StartNew();
    var sum = await RunAsync(nameof(FanOut), fanoutCount);
    if (sum != Enumerable.Range(1, fanoutCount).Sum())
    {
        throw new InvalidOperationException($"Fan-out returned {sum}.");
    }

    results["fanout_activities"] = fanoutCount;
    Report("fanout_500_s", fanout.Elapsed.TotalSeconds, $"fan-out of {fanoutCount} activities", "s");

    // Nothing runs for a while, so every queue poller has backed off as far as it goes; then one small orchestration.
    // One pickup is a single draw of where each poller stands in its wait: DURABLE_BENCH_IDLE_RUNS repeats the spell.
    // The app's client shares the worker's engine object, and DTFx wakes a queue's poller when that object adds a
    // message to it; a client in another process (another engine object on the same hub) has no such shortcut, so
    // its first message waits for the poller's next look, up to MaxQueuePollingInterval: measured both ways.
    memory.Phase("idle");
    var elsewhere = new TaskHubClient(
        new AzureStorageOrchestrationService(TaskHubServiceCollectionExtensions.Settings(
            settings, TaskHubAccount.FromConnectionString(connection), provider.GetRequiredService<ILoggerFactory>())),
        provider.GetRequiredService<DataConverter>());
    var pickups = new List<double>();
    var remotePickups = new List<double>();
    for (var run = 0; run < idleRuns; run++)
    {
        pickups.Add(await PickupAsync(client));
        remotePickups.Add(await PickupAsync(elsewhere));
    }

    results["idle_s"] = idleSeconds;
    results["idle_runs"] = idleRuns;
    Report("idle_pickup_s", Percentile(pickups, 50), $"after {idleSeconds} s idle, schedule -> Completed of 1 activity, p50 ({string.Join(", ", pickups.Select(Format))} s)", "s");
    Report("idle_pickup_other_client_s", Percentile(remotePickups, 50), $"the same from a client with its own engine object, p50 ({string.Join(", ", remotePickups.Select(Format))} s)", "s");
    results["goal_idle_pickup_s"] = 1;

    results["peak_rss_mb"] = Round(Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0));
    Console.WriteLine($"peak rss: {results["peak_rss_mb"]} MB");
    memory.Phase("done");
    foreach (var (type, samples) in allocations?.Top(25) ?? [])
    {
        Console.WriteLine($"allocated ~{samples / 10.0:F1} MB of {type}");
    }

    results["memory_by_phase"] = memory.Report();
    Console.WriteLine($"memory by phase: {results["memory_by_phase"]!.ToJsonString()}");
    finished = true;
}
finally
{
    // Bounded too: a worker that will not stop must not keep the benchmark, or the machine, busy.
    using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
    foreach (var service in hosted)
    {
        await service.StopAsync(stopping.Token);
    }

    await engine.DeleteAsync();
}

if (finished)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
    var json = results.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    await File.WriteAllTextAsync(output, json);
    Console.WriteLine(json);
    Console.WriteLine($"written to {Path.GetFullPath(output)}");
}

async Task<double> PickupAsync(DurableTaskClient scheduler)
{
    Console.WriteLine($"idle for {idleSeconds} s...");
    await Task.Delay(TimeSpan.FromSeconds(idleSeconds), cancellation);
    var pickup = Stopwatch.StartNew();
    await RunAsync(nameof(Sequence), 1, scheduler);
    return pickup.Elapsed.TotalSeconds;
}

async Task<long> RunAsync(string orchestrator, int input, DurableTaskClient? scheduler = null)
{
    var id = await (scheduler ?? client).ScheduleNewOrchestrationInstanceAsync(orchestrator, input, cancellation);
    var done = await CompletedAsync(id);
    if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
    {
        throw new InvalidOperationException($"{orchestrator} ended {done.RuntimeStatus}: {done.FailureDetails}");
    }

    return done.ReadOutputAs<long>();
}

// One video through the studio's own orchestrator; the render is answered the moment it is submitted.
async Task<double> VideoAsync(string taskId)
{
    var request = new Serverless.Studio.Pipeline.VideoRequest
    {
        TaskId = taskId,
        ProjectId = "bench-project",
        UserId = "bench-user",
        Script = new BlobRef("scripts", "bench.txt"),
        Style = CannedVideo.Storyboard.Style,
        AspectRatio = CannedVideo.Storyboard.AspectRatio,
    };
    var watch = Stopwatch.StartNew();
    var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(VideoOrchestrator), request, new StartOrchestrationOptions(taskId), cancellation);
    var jobId = await desk.SubmittedAsync(id).WaitAsync(cancellation);
    var submitted = watch.Elapsed.TotalSeconds;
    await client.RaiseEventAsync(id, RenderCompleted.EventName, new RenderCompleted
    {
        JobId = jobId,
        Succeeded = true,
        Video = new BlobRef("videos", $"{taskId}.mp4"),
        DurationSeconds = CannedVideo.Storyboard.TotalDuration,
        SizeBytes = 1_000_000,
    }, cancellation);
    var done = await CompletedAsync(id);
    var seconds = watch.Elapsed.TotalSeconds;
    if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed || done.ReadOutputAs<Serverless.Studio.Pipeline.VideoResult>() is null)
    {
        throw new InvalidOperationException($"The video ended {done.RuntimeStatus} ({done.SerializedCustomStatus}): {done.FailureDetails}");
    }

    Console.WriteLine($"{taskId}: render submitted after {submitted:F2} s, completed after {seconds:F2} s");
    return seconds;
}

// Asks every 25 ms: fine enough for second-scale figures, and one small table read per ask.
async Task<OrchestrationMetadata> CompletedAsync(string id)
{
    while (true)
    {
        if (await client.GetInstancesAsync(id, cancellation: cancellation) is { IsCompleted: true })
        {
            return await client.GetInstancesAsync(id, getInputsAndOutputs: true, cancellation)
                ?? throw new InvalidOperationException($"Instance {id} is gone.");
        }

        await Task.Delay(TimeSpan.FromMilliseconds(25), cancellation);
    }
}

// Many instances at once are counted with one query every half second rather than one read per instance, which
// would load the emulator the engine runs on.
async Task<IReadOnlyList<OrchestrationMetadata>> AllCompletedAsync(string prefix, int count)
{
    while (true)
    {
        var done = new List<OrchestrationMetadata>();
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery
        {
            InstanceIdPrefix = prefix,
            Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
            PageSize = 1000,
        }).WithCancellation(cancellation))
        {
            done.Add(instance);
        }

        if (done.FirstOrDefault(i => i.RuntimeStatus != OrchestrationRuntimeStatus.Completed) is { } failed)
        {
            throw new InvalidOperationException($"{failed.InstanceId} ended {failed.RuntimeStatus}: {failed.FailureDetails}");
        }

        if (done.Count >= count)
        {
            return done;
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500), cancellation);
    }
}

void Report(string key, double value, string what, string unit)
{
    results[key] = Round(value);
    Console.WriteLine($"{what}: {Format(value)} {unit}");
}

static int Knob(string name, int fallback) => int.TryParse(Environment.GetEnvironmentVariable(name), out var value) && value > 0 ? value : fallback;

static string Format(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

static double Percentile(IReadOnlyCollection<double> values, double percentile)
{
    var sorted = values.Order().ToArray();
    var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
    return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
}

static double Round(double value) => Math.Round(value, 2);
