extern alias cli;

using System.CommandLine;
using System.Text.Json.Nodes;
using cli::Serverless.Cli.Commands;

// Not "...Tests.Cli": that namespace would shadow CliWrap's Cli class for every test in Serverless.Studio.Tests.
namespace Serverless.Studio.Tests.CliCommands;

/// <summary><c>serverless durable replay FILE</c> against the studio's registered VideoOrchestrator.</summary>
public sealed class DurableReplayCommandTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("serverless-replay-");

    public void Dispose() => _scratch.Delete(recursive: true);

    [Fact]
    public void A_history_the_current_code_would_make_replays_and_exits_0()
    {
        var file = Write("matching.json", StatusDocument(firstActivity: "ParseScriptActivity"));

        var (exit, output, error) = Invoke("durable", "replay", file);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.Equal("replay matches: VideoOrchestrator, 3 events, Running", output.TrimEnd());
    }

    [Fact]
    public void A_history_the_current_code_would_not_make_names_the_first_differing_decision_and_exits_2()
    {
        var file = Write("changed.json", StatusDocument(firstActivity: "PublishVideoActivity"));

        var (exit, output, _) = Invoke("durable", "replay", file);

        Assert.Equal(DurableCommand.NonDeterministic, exit);
        Assert.StartsWith("non-deterministic: Non-deterministic orchestrator 'VideoOrchestrator'", output, StringComparison.Ordinal);
        Assert.Contains("history has TaskScheduled#0 (activity 'PublishVideoActivity'), but on replay it scheduled activity 'ParseScriptActivity'", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "not a saved history")]
    [InlineData("{\"runtime_status\":\"running\"}", "showHistory=true")]
    [InlineData("[{\"$type\":\"ExecutionStarted\",\"name\":\"NoSuchOrchestrator\",\"executionId\":\"e\",\"eventId\":-1,\"timestamp\":\"2026-11-23T10:00:00Z\"}]", "No orchestrator named 'NoSuchOrchestrator'")]
    public void Unusable_files_exit_1_with_one_line(string content, string reason)
    {
        var (exit, output, error) = Invoke("durable", "replay", Write("bad.json", content));

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void A_missing_file_exits_1()
    {
        var (exit, _, error) = Invoke("durable", "replay", Path.Combine(_scratch.FullName, "nope.json"));

        Assert.Equal(1, exit);
        Assert.StartsWith("History file not found:", error, StringComparison.Ordinal);
    }

    /// <summary>What the management endpoint answers with showHistory=true, in the function app's snake_case.</summary>
    private static string StatusDocument(string firstActivity)
    {
        var input = new JsonObject
        {
            ["task_id"] = "tsk_p1_1",
            ["project_id"] = "p1",
            ["user_id"] = "u1",
            ["script"] = new JsonObject { ["container"] = "scripts", ["path"] = "u1/p1/script.txt" },
            ["style"] = "anime",
            ["aspect_ratio"] = "9:16",
        }.ToJsonString();
        var history = new JsonArray
        {
            new JsonObject { ["$type"] = "OrchestratorStarted", ["event_id"] = -1, ["timestamp"] = "2026-11-23T10:00:01Z" },
            new JsonObject
            {
                ["$type"] = "ExecutionStarted", ["event_id"] = -1, ["timestamp"] = "2026-11-23T10:00:00Z",
                ["name"] = "VideoOrchestrator", ["input"] = input, ["execution_id"] = "e1", ["message_id"] = "e1",
            },
            new JsonObject
            {
                ["$type"] = "TaskScheduled", ["event_id"] = 0, ["timestamp"] = "2026-11-23T10:00:01Z",
                ["name"] = firstActivity, ["input"] = "\"u1/p1/script.txt\"",
            },
        };
        return new JsonObject { ["name"] = "VideoOrchestrator", ["runtime_status"] = "running", ["history_events"] = history }.ToJsonString();
    }

    private static (int Exit, string Output, string Error) Invoke(params string[] args)
    {
        var root = new RootCommand("test") { DurableCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_scratch.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
