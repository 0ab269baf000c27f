using Serverless.Durable.History;
using Serverless.Durable.TestHost;
using Serverless.Durable.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Serverless.Durable.Tests.Crash;

/// <summary>
/// Worker processes on one Azure Storage task hub are SIGKILLed while orchestrations run; after restarts every
/// instance completes once with the right output and every activity has run at least once.
/// </summary>
public sealed class HostCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AzureStorageFixture _hub = new() { PartitionCount = 4 };
    private readonly string _sideEffects = Directory.CreateTempSubdirectory("durable-crash").FullName;
    private readonly List<HostProcess> _processes = [];
    private DurableTestHost _client = null!;

    public async Task InitializeAsync() =>
        _client = await DurableTestHost.StartAsync(_hub, b => b.Worker.Enabled = false);

    public async Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        await _client.DisposeAsync();
        await _hub.DisposeAsync();
        Directory.Delete(_sideEffects, recursive: true);
    }

    [Fact]
    public async Task A_killed_host_resumes_in_flight_orchestrations_after_restart()
    {
        var first = await StartHostAsync();
        var ids = await ScheduleAsync(10);
        await WaitForSideEffectsAsync(25);
        first.Kill();
        output.WriteLine($"killed host {first.Id} after {new SideEffects(_sideEffects).Count()} activity runs");

        await StartHostAsync();
        await VerifyAsync(ids);
    }

    [Fact]
    public async Task Two_hosts_with_random_kills_complete_every_instance_exactly_once()
    {
        var hosts = new[] { await StartHostAsync(), await StartHostAsync() };
        var ids = await ScheduleAsync(50);
        var random = new Random(7);
        for (var kill = 0; kill < 5; kill++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1_000, 4_000)));
            var victim = random.Next(hosts.Length);
            hosts[victim].Kill();
            output.WriteLine($"kill {kill + 1}: host {hosts[victim].Id} after {new SideEffects(_sideEffects).Count()} activity runs");
            hosts[victim] = await StartHostAsync();
        }

        await VerifyAsync(ids);
    }

    private async Task<HostProcess> StartHostAsync()
    {
        var process = await HostProcess.StartAsync(AzureStorageFixture.ConnectionString, _hub.TaskHub, _sideEffects);
        _processes.Add(process);
        return process;
    }

    private async Task<Dictionary<string, int>> ScheduleAsync(int count)
    {
        var started = await Task.WhenAll(Enumerable.Range(1, count).Select(async i =>
            (Id: await _client.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CrashWorkload), i, new StartOrchestrationOptions($"crash-{i:D3}")), Input: i)));
        return started.ToDictionary(s => s.Id, s => s.Input);
    }

    private async Task WaitForSideEffectsAsync(int atLeast)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (new SideEffects(_sideEffects).Count() < atLeast)
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    private async Task VerifyAsync(Dictionary<string, int> ids)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        foreach (var (id, input) in ids)
        {
            OrchestrationMetadata done;
            try
            {
                done = await _client.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                var state = await _client.Client.GetInstanceAsync(id);
                throw new TimeoutException($"{id} did not finish ({state?.RuntimeStatus}). Host output:\n{string.Join("\n---\n", _processes.Select(p => p.Output))}");
            }

            Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{id}: {done.RuntimeStatus} {done.FailureDetails}");
            Assert.Equal(CrashWorkload.Expected(input), done.ReadOutputAs<long>());
            var history = await _client.Client.GetHistoryAsync(id);
            Assert.Single(history.OfType<ExecutionCompletedEvent>());
            Assert.Single(history.OfType<ExecutionStartedEvent>());
            Assert.Equal(13, history.OfType<TaskScheduledEvent>().Count());
            Assert.Equal(13, history.OfType<TaskCompletedEvent>().Select(c => c.TaskScheduledId).Distinct().Count());
        }

        var lines = new SideEffects(_sideEffects).Lines();
        var expected = ids.Keys.SelectMany(id => Enumerable.Range(0, 10).Select(i => $"{id}/fan{i}").Concat(Enumerable.Range(0, 3).Select(s => $"{id}/seq{s}"))).ToList();
        var missing = expected.Except(lines).ToList();
        Assert.True(missing.Count == 0, $"activities never ran: {string.Join(", ", missing.Take(10))}");
        output.WriteLine($"{ids.Count} instances completed; {lines.Count} activity runs for {expected.Count} activities ({lines.Count - expected.Count} duplicates)");
        foreach (var duplicate in lines.GroupBy(l => l).Where(g => g.Count() > 1).Take(20))
        {
            output.WriteLine($"  ran {duplicate.Count()} times: {duplicate.Key}");
        }
    }
}
