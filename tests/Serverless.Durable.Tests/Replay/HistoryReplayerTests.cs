using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public void The_function_apps_snake_case_status_document_parses_to_the_same_history()
    {
        var history = HistoryReplayer.Parse(File.ReadAllText(FixturePath));
        var snakeCase = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        };
        var document = JsonSerializer.Serialize(new { name = "Fickle", runtime_status = "completed", history_events = history }, snakeCase);
        Assert.Contains("\"event_id\"", document, StringComparison.Ordinal);

        Assert.Equal(history, HistoryReplayer.Parse(document));
    }

    [Theory]
    [InlineData("{\"name\":\"Fickle\"}", "showHistory=true")]
    [InlineData("42", "array of events")]
    public void A_file_without_a_history_is_refused_with_a_reason(string json, string reason)
    {
        var refused = Assert.Throws<JsonException>(() => HistoryReplayer.Parse(json));
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void The_orchestrator_registered_under_the_historys_name_is_replayed(bool takeOtherBranch, bool deterministic)
    {
        var services = new ServiceCollection();
        services.AddSingleton(new ScenarioProbe { TakeOtherBranch = takeOtherBranch });
        services.AddDurableTask(builder =>
        {
            Scenario.RegisterAll(builder);
            builder.UseInMemory();
            builder.Worker.Enabled = false;
        });
        using var provider = services.BuildServiceProvider();

        var report = HistoryReplayer.Replay(provider, HistoryReplayer.Parse(File.ReadAllText(FixturePath)));

        Assert.Equal(deterministic, report.IsDeterministic);
        Assert.Equal(deterministic ? "\"done\"" : null, report.Output);
    }

    [Fact]
    public void An_unregistered_orchestrator_is_named()
    {
        var services = new ServiceCollection();
        services.AddDurableTask(builder => builder.UseInMemory());
        using var provider = services.BuildServiceProvider();
        var history = HistoryReplayer.Parse(File.ReadAllText(FixturePath));

        var refused = Assert.Throws<ArgumentException>(() => HistoryReplayer.Replay(provider, history));
        Assert.Contains("No orchestrator named 'Fickle'", refused.Message, StringComparison.Ordinal);
    }

    private sealed class FinishesAtOnce : TaskOrchestrator<string?, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string? input) => Task.FromResult("done");
    }
}
