using Microsoft.Extensions.DependencyInjection;
using Serverless.Durable.AzureStorage;
using Serverless.Durable.Backend;
using Serverless.Durable.Tests.Infrastructure;
using Serverless.Durable.Tests.Scenarios;
using Xunit.Abstractions;

namespace Serverless.Durable.Tests.Faults;

/// <summary>
/// Fails the Nth storage step of commits (growing N across runs, like Netherite's fault injector) while
/// orchestrations run: each must still complete with the right output, and an instance row left stale by a
/// failure between the history commit and the row update heals itself.
/// </summary>
public sealed class FaultInjectionTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AzureStorageFixture _hub = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Every_orchestration_completes_when_the_nth_storage_step_fails()
    {
        await using var host = await DurableTestHost.StartAsync(_hub);
        var backend = (AzureStorageBackend)host.Services.GetRequiredService<IOrchestrationBackend>();
        var failedSteps = new List<string>();
        foreach (var n in new[] { 1, 2, 3, 5, 8, 12, 17 })
        {
            var calls = 0;
            backend.FaultInjector = step =>
            {
                if (Interlocked.Increment(ref calls) == n)
                {
                    lock (failedSteps)
                    {
                        failedSteps.Add(step);
                    }

                    throw new IOException($"injected fault at storage step {n} ({step})");
                }

                return Task.CompletedTask;
            };

            var chain = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Chain), 3);
            var fan = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOut), 4);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var chainDone = await host.Client.WaitForInstanceCompletionAsync(chain, true, timeout.Token);
            var fanDone = await host.Client.WaitForInstanceCompletionAsync(fan, true, timeout.Token);
            Assert.True(chainDone.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"N={n}: {chainDone.FailureDetails}");
            Assert.Equal(8, chainDone.ReadOutputAs<int>());
            Assert.True(fanDone.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"N={n}: {fanDone.FailureDetails}");
            Assert.Equal(20, fanDone.ReadOutputAs<int>());
        }

        output.WriteLine("failed steps: " + string.Join(", ", failedSteps));
        Assert.Equal(7, failedSteps.Count);
    }

    [Fact]
    public async Task A_failure_between_history_commit_and_instance_row_heals()
    {
        await using var host = await DurableTestHost.StartAsync(_hub);
        var backend = (AzureStorageBackend)host.Services.GetRequiredService<IOrchestrationBackend>();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Chain), 1);
        var failedOnce = 0;
        backend.FaultInjector = async step =>
        {
            // Fail the row update of the completing episode only: its history is committed, its row is not.
            if (step == "episode.instance"
                && (await host.Client.GetHistoryAsync(id)).OfType<History.ExecutionCompletedEvent>().Any()
                && Interlocked.Exchange(ref failedOnce, 1) == 0)
            {
                throw new IOException("injected crash after the history commit");
            }
        };

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, timeout.Token);
        Assert.Equal(1, failedOnce);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(2, done.ReadOutputAs<int>());
    }
}
