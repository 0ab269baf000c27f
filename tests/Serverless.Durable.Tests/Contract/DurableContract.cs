using Serverless.Durable.History;
using Serverless.Durable.Tests.Infrastructure;
using Serverless.Durable.Tests.Scenarios;

namespace Serverless.Durable.Tests.Contract;

/// <summary>The behaviour every backend must have; run once per backend by the derived classes.</summary>
public abstract class DurableContract : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly List<DurableTestHost> _hosts = [];

    protected BackendFixture Backend { get; private set; } = null!;

    protected ScenarioProbe Probe { get; } = new();

    protected abstract BackendFixture CreateBackend();

    public Task InitializeAsync()
    {
        Backend = CreateBackend();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await Backend.DisposeAsync();
    }

    protected async Task<DurableTestHost> StartHostAsync(Action<DurableTaskBuilder>? configure = null)
    {
        var host = await DurableTestHost.StartAsync(Backend, configure, Probe);
        _hosts.Add(host);
        return host;
    }

    protected async Task StopHostAsync(DurableTestHost host)
    {
        _hosts.Remove(host);
        await host.DisposeAsync();
    }

    protected static async Task<OrchestrationMetadata> RunAsync(DurableTaskClient client, string orchestrator, object? input, string? instanceId = null)
    {
        var id = await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId));
        return await WaitAsync(client, id);
    }

    protected static async Task<OrchestrationMetadata> WaitAsync(DurableTaskClient client, string id)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
    }

    protected static async Task<OrchestrationMetadata> WaitForStatusAsync(DurableTaskClient client, string id, Func<OrchestrationMetadata, bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var instance = await client.GetInstanceAsync(id, true, timeout.Token);
            if (instance is not null && condition(instance))
            {
                return instance;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    protected static void AssertCompleted(OrchestrationMetadata instance) =>
        Assert.True(instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{instance.InstanceId} is {instance.RuntimeStatus}: {instance.FailureDetails}");

    [Fact]
    public async Task Sequential_activities_pass_results_along()
    {
        var host = await StartHostAsync();
        var done = await RunAsync(host.Client, nameof(Chain), 5);
        AssertCompleted(done);
        Assert.Equal(32, done.ReadOutputAs<int>());
        Assert.Equal(5, done.ReadInputAs<int>());
    }

    [Fact]
    public async Task Fan_out_and_in_with_WhenAll()
    {
        var host = await StartHostAsync();
        var done = await RunAsync(host.Client, nameof(FanOut), 40);
        AssertCompleted(done);
        Assert.Equal(Enumerable.Range(1, 40).Sum() * 2, done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Durable_timer_fires_no_earlier_than_asked()
    {
        var host = await StartHostAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Sleep), 700);
        var done = await WaitAsync(host.Client, id);
        AssertCompleted(done);
        var history = await host.Client.GetHistoryAsync(id);
        var created = history.OfType<TimerCreatedEvent>().Single();
        var started = history.OfType<OrchestratorStartedEvent>().First();
        Assert.Equal(started.Timestamp.AddMilliseconds(700), created.FireAt);
        Assert.True(done.ReadOutputAs<DateTime>() >= created.FireAt);
    }

    [Fact]
    public async Task External_event_completes_the_wait_and_custom_status_is_visible()
    {
        var host = await StartHostAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(AwaitApproval), 30_000);
        var waiting = await WaitForStatusAsync(host.Client, id, i => i.SerializedCustomStatus?.Contains("waiting", StringComparison.Ordinal) == true);
        Assert.Equal(OrchestrationRuntimeStatus.Running, waiting.RuntimeStatus);
        await host.Client.RaiseEventAsync(id, "approval", new Approval("ana", true));
        var done = await WaitAsync(host.Client, id);
        Assert.Equal("ana:True", done.ReadOutputAs<string>());
        Assert.Contains("done", done.SerializedCustomStatus, StringComparison.Ordinal);
    }

    [Fact]
    public async Task External_event_wait_times_out()
    {
        var host = await StartHostAsync();
        var done = await RunAsync(host.Client, nameof(AwaitApproval), 300);
        Assert.Equal("timed out", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Events_raised_before_the_wait_are_buffered_in_order()
    {
        var host = await StartHostAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(LateListener), 500);
        await host.Client.RaiseEventAsync(id, "note", "first");
        await host.Client.RaiseEventAsync(id, "note", "second");
        var done = await WaitAsync(host.Client, id);
        AssertCompleted(done);
        Assert.Equal("first+second", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Terminate_ends_a_waiting_instance_with_the_reason()
    {
        var host = await StartHostAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever));
        await WaitForStatusAsync(host.Client, id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        await host.Client.TerminateInstanceAsync(id, "operator said so");
        var done = await WaitAsync(host.Client, id);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("operator said so", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Activity_failure_details_reach_the_orchestrator()
    {
        var host = await StartHostAsync();
        var done = await RunAsync(host.Client, nameof(CatchFailure), "x");
        AssertCompleted(done);
        Assert.Equal($"{nameof(Boom)}|System.ArgumentOutOfRangeException|boom (Parameter 'input')", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Unhandled_failure_fails_the_instance_with_details()
    {
        var host = await StartHostAsync();
        var done = await RunAsync(host.Client, nameof(Unhandled), "x");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(TaskFailedException).FullName, done.FailureDetails!.ErrorType);
        Assert.Equal(typeof(ArgumentOutOfRangeException).FullName, done.FailureDetails.InnerFailure!.ErrorType);
        Assert.NotNull(done.FailureDetails.InnerFailure.StackTrace);
    }

    [Fact]
    public async Task Retries_wait_on_durable_timers_until_success()
    {
        var host = await StartHostAsync();
        var id = "retry" + Guid.NewGuid().ToString("N")[..8];
        Probe.FailuresLeft[id] = 2;
        var done = await RunAsync(host.Client, nameof(Retrying), 4, id);
        AssertCompleted(done);
        Assert.Equal("ok!", done.ReadOutputAs<string>());
        Assert.Equal(3, Probe.Count($"{id}/flaky"));
        var timers = (await host.Client.GetHistoryAsync(id)).OfType<TimerCreatedEvent>().ToList();
        Assert.Equal(2, timers.Count);
    }

    [Fact]
    public async Task Retries_stop_at_max_attempts_and_respect_the_handle_filter()
    {
        var host = await StartHostAsync();
        var exhausted = "exhaust" + Guid.NewGuid().ToString("N")[..8];
        Probe.FailuresLeft[exhausted] = 10;
        var failed = await RunAsync(host.Client, nameof(Retrying), 3, exhausted);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal(3, Probe.Count($"{exhausted}/flaky"));

        var filtered = "filter" + Guid.NewGuid().ToString("N")[..8];
        Probe.FailuresLeft[filtered] = 10;
        var notRetried = await RunAsync(host.Client, nameof(RetryOnlyArgumentErrors), "x", filtered);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, notRetried.RuntimeStatus);
        Assert.Equal(1, Probe.Count($"{filtered}/flaky"));
    }

    [Fact]
    public async Task Sub_orchestrations_return_results_and_failures()
    {
        var host = await StartHostAsync();
        var done = await RunAsync(host.Client, nameof(Parent), 3);
        AssertCompleted(done);
        Assert.Equal(2 + 4 + 8, done.ReadOutputAs<int>());

        var failed = await RunAsync(host.Client, nameof(ParentOfFailure), "x");
        Assert.Equal("child failed: System.ArgumentOutOfRangeException", failed.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Continue_as_new_restarts_with_fresh_history()
    {
        var host = await StartHostAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Counter), 3);
        var done = await WaitAsync(host.Client, id);
        AssertCompleted(done);
        Assert.Equal(192, done.ReadOutputAs<int>());
        Assert.Equal(96, done.ReadInputAs<int>());
        var history = await host.Client.GetHistoryAsync(id);
        Assert.Single(history.OfType<TaskScheduledEvent>());
    }

    [Fact]
    public async Task NewGuid_is_the_same_on_every_replay()
    {
        var host = await StartHostAsync();
        var done = await RunAsync(host.Client, nameof(Guids), null);
        var guids = done.ReadOutputAs<string[]>()!;
        Assert.Equal(guids[0], guids[1]);
        Assert.Equal(guids[2], guids[3]);
        Assert.NotEqual(guids[0], guids[2]);
    }

    [Fact]
    public async Task Replay_safe_logger_writes_each_line_once()
    {
        var host = await StartHostAsync();
        var done = await RunAsync(host.Client, nameof(ReplayLogging), null);
        Assert.Equal(3, done.ReadOutputAs<int>());
        Assert.Equal(["step 0", "step 1", "step 2"], Probe.Logs.ToArray());
    }

    [Fact]
    public async Task A_running_instance_id_cannot_be_reused_but_a_finished_one_can()
    {
        var host = await StartHostAsync();
        var id = "dup" + Guid.NewGuid().ToString("N")[..8];
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), null, new StartOrchestrationOptions(id));
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Chain), 1, new StartOrchestrationOptions(id)));
        await host.Client.TerminateInstanceAsync(id);
        await WaitAsync(host.Client, id);
        var again = await RunAsync(host.Client, nameof(Chain), 2, id);
        AssertCompleted(again);
        Assert.Equal(4, again.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Suspend_holds_events_until_resume()
    {
        var host = await StartHostAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(AwaitApproval), 60_000);
        await WaitForStatusAsync(host.Client, id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        await host.Client.SuspendInstanceAsync(id, "pause");
        await WaitForStatusAsync(host.Client, id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);
        await host.Client.RaiseEventAsync(id, "approval", new Approval("bo", false));
        await Task.Delay(300);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        await host.Client.ResumeInstanceAsync(id, "go on");
        var done = await WaitAsync(host.Client, id);
        Assert.Equal("bo:False", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Purge_removes_state_and_history_of_finished_instances()
    {
        var host = await StartHostAsync();
        var done = await RunAsync(host.Client, nameof(Chain), 1);
        Assert.True(await host.Client.PurgeInstanceAsync(done.InstanceId));
        Assert.Null(await host.Client.GetInstanceAsync(done.InstanceId));
        Assert.Empty(await host.Client.GetHistoryAsync(done.InstanceId));
        Assert.False(await host.Client.PurgeInstanceAsync(done.InstanceId));

        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever));
        await WaitForStatusAsync(host.Client, running, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.PurgeInstanceAsync(running));
    }

    [Fact]
    public async Task Query_filters_by_prefix_and_status_with_continuation()
    {
        var host = await StartHostAsync();
        var prefix = "q" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 5; i++)
        {
            await RunAsync(host.Client, nameof(Chain), 1, $"{prefix}-{i}");
        }

        var waiting = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever), null, new StartOrchestrationOptions($"{prefix}-w"));
        await WaitForStatusAsync(host.Client, waiting, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await host.Client.QueryInstancesAsync(new InstanceQuery(
                Statuses: [OrchestrationRuntimeStatus.Completed], InstanceIdPrefix: prefix, PageSize: 2, ContinuationToken: token));
            seen.AddRange(page.Instances.Select(i => i.InstanceId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"{prefix}-{i}"), seen.Order());
        Assert.True(pages >= 3);

        var purged = await host.Client.PurgeInstancesAsync(new InstanceQuery(InstanceIdPrefix: prefix));
        Assert.Equal(5, purged);
        var left = await host.Client.QueryInstancesAsync(new InstanceQuery(InstanceIdPrefix: prefix));
        Assert.Equal([$"{prefix}-w"], left.Instances.Select(i => i.InstanceId));
        await host.Client.TerminateInstanceAsync(waiting);
    }

    [Fact]
    public async Task Status_can_include_the_history()
    {
        var host = await StartHostAsync();
        var done = await RunAsync(host.Client, nameof(Chain), 2);
        var withHistory = await host.Client.GetInstanceWithHistoryAsync(done.InstanceId);
        var history = withHistory!.History!;
        Assert.IsType<OrchestratorStartedEvent>(history[0]);
        Assert.IsType<ExecutionStartedEvent>(history[1]);
        Assert.Equal(2, history.OfType<TaskScheduledEvent>().Count());
        Assert.Equal(2, history.OfType<TaskCompletedEvent>().Count());
        Assert.IsType<ExecutionCompletedEvent>(history[^1]);
    }

    [Fact]
    public async Task Timers_fire_after_a_restart()
    {
        var first = await StartHostAsync();
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Sleep), 1500);
        await WaitForStatusAsync(first.Client, id, i => i.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        await StopHostAsync(first);

        var second = await StartHostAsync();
        var done = await WaitAsync(second.Client, id);
        AssertCompleted(done);
    }

    [Fact]
    public async Task Work_in_flight_continues_after_a_restart()
    {
        var first = await StartHostAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await first.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Chain), 6));
        }

        await Task.Delay(30);
        await StopHostAsync(first);
        var second = await StartHostAsync();
        foreach (var id in ids)
        {
            var done = await WaitAsync(second.Client, id);
            Assert.Equal(64, done.ReadOutputAs<int>());
        }
    }

    [Fact]
    public async Task Megabyte_input_and_output_round_trip()
    {
        var host = await StartHostAsync();
        var big = string.Concat(Enumerable.Repeat("0123456789abcdef", 64 * 1024));
        var done = await RunAsync(host.Client, nameof(BigPayload), big);
        AssertCompleted(done);
        Assert.Equal(big + "|" + big.Length, done.ReadOutputAs<string>());
        Assert.Equal(big, done.ReadInputAs<string>());
    }

    [Fact]
    public async Task A_changed_orchestrator_fails_with_a_named_non_determinism_error()
    {
        var host = await StartHostAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Fickle));
        await WaitForStatusAsync(host.Client, id, _ => true);
        while ((await host.Client.GetHistoryAsync(id)).OfType<TaskCompletedEvent>().Any() is false)
        {
            await Task.Delay(20);
        }

        Probe.TakeOtherBranch = true;
        await host.Client.RaiseEventAsync(id, "go", "now");
        var done = await WaitAsync(host.Client, id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains("'Fickle'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("TaskScheduled#0 (activity 'Echo')", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("scheduled activity 'Length'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_limit_fails_the_instance_pointing_at_ContinueAsNew()
    {
        var host = await StartHostAsync(b => b.Worker.MaxHistoryEvents = 20);
        var done = await RunAsync(host.Client, nameof(Loop), 50);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("ContinueAsNew", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_orchestrator_fails_with_a_reason()
    {
        var host = await StartHostAsync();
        var done = await RunAsync(host.Client, "NoSuchOrchestrator", null);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("NoSuchOrchestrator", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poison_messages_fail_the_instance_with_a_reason_and_are_quarantined()
    {
        var host = await StartHostAsync(b => b.Worker.MaxDequeueCount = 2);
        var done = await RunAsync(host.Client, nameof(CrashingEpisode), null);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal("PoisonMessage", done.FailureDetails!.ErrorType);
        Assert.Contains("delivered 3 times", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        var quarantined = await host.Client.GetQuarantinedMessagesAsync();
        var entry = Assert.Single(quarantined, q => q.InstanceId == done.InstanceId);
        Assert.Equal("ExecutionStarted#-1", entry.Event);
    }
}
