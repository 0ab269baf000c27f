using Serverless.Durable.Tests.Scenarios;

namespace Serverless.Durable.Tests.Replay;

/// <summary>A history saved from a real run of <see cref="Fickle"/> (Replay/Fixtures), replayed against its code.</summary>
public sealed class HistoryReplayerTests
{
    private static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "Replay", "Fixtures", "fickle-original.history.json");

    [Fact]
    public void Unchanged_code_replays_the_saved_history_to_the_recorded_output()
    {
        var history = HistoryReplayer.Parse(File.ReadAllText(FixturePath));
        var report = HistoryReplayer.Replay(new Fickle(new ScenarioProbe()), history);
        Assert.True(report.IsDeterministic, report.Error);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, report.Status);
        Assert.Equal("\"done\"", report.Output);
    }

    [Fact]
    public void Changed_code_shows_the_named_non_determinism_error()
    {
        var history = HistoryReplayer.Parse(File.ReadAllText(FixturePath));
        var report = HistoryReplayer.Replay(new Fickle(new ScenarioProbe { TakeOtherBranch = true }), history);
        Assert.False(report.IsDeterministic);
        Assert.Equal(
            "Non-deterministic orchestrator 'Fickle' (instance 'replay'): history has TaskScheduled#0 (activity 'Echo'), but on replay it scheduled activity 'Length' (#0) instead.",
            report.Error);
    }

    [Fact]
    public void Code_that_finishes_early_is_caught()
    {
        var history = HistoryReplayer.Parse(File.ReadAllText(FixturePath));
        var report = HistoryReplayer.Replay(new FinishesAtOnce(), history);
        Assert.False(report.IsDeterministic);
        Assert.Contains("history has TaskScheduled#0 (activity 'Echo'), but on replay it had already finished (Completed)", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Saved_history_round_trips()
    {
        var json = File.ReadAllText(FixturePath);
        var history = HistoryReplayer.Parse(json);
        Assert.Equal(history, HistoryReplayer.Parse(HistoryReplayer.Serialize(history)));
    }

    private sealed class FinishesAtOnce : TaskOrchestrator<string?, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string? input) => Task.FromResult("done");
    }
}
