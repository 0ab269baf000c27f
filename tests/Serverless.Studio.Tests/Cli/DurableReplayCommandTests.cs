extern alias cli;

using System.CommandLine;
using System.Text.Json.Nodes;
using cli::Serverless.Cli.Commands;
using DurableTask.Core;
using DurableTask.Core.History;
using Newtonsoft.Json;

// Not "...Tests.Cli": that namespace would shadow CliWrap's Cli class for every test in Serverless.Studio.Tests.
namespace Serverless.Studio.Tests.CliCommands;

/// <summary><c>serverless durable replay FILE</c> against the studio's registered VideoOrchestrator, on the Durable Task Framework's executor.</summary>
public sealed class DurableReplayCommandTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("serverless-replay-");

    public void Dispose() => _scratch.Delete(recursive: true);

    [Fact]
    public void A_history_the_current_code_would_make_replays_and_exits_0()
    {
        var file = Write("matching.json", SavedHistory(firstActivity: "ParseScriptActivity"));

        var (exit, output, error) = Invoke("durable", "replay", file);

        Assert.Equal(0, exit);
        Assert.Empty(error);
        Assert.Equal("replay matches: VideoOrchestrator, 3 events, Running", output.TrimEnd());
    }

    [Fact]
    public void A_history_the_current_code_would_not_make_names_the_first_differing_decision_and_exits_2()
    {
        var file = Write("changed.json", SavedHistory(firstActivity: "PublishVideoActivity"));

        var (exit, output, _) = Invoke("durable", "replay", file);

        Assert.Equal(DurableCommand.NonDeterministic, exit);
        Assert.StartsWith("non-deterministic: ", output, StringComparison.Ordinal);
        Assert.Contains("PublishVideoActivity", output, StringComparison.Ordinal);
        Assert.Single(output.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("not json", "not a saved history")]
    [InlineData("{\"runtime_status\":\"running\"}", "not a saved history")]
    [InlineData("[{\"Name\":\"VideoOrchestrator\"}]", "EventType")]
    [InlineData("[{\"EventType\":0,\"Name\":\"NoSuchOrchestrator\",\"EventId\":-1,\"Timestamp\":\"2026-11-23T10:00:00Z\"}]", "No orchestrator named 'NoSuchOrchestrator'")]
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

    /// <summary>A video's first decision as the task hub keeps it (what <c>serverless durable history</c> saves).</summary>
    private static string SavedHistory(string firstActivity)
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
        var instance = new OrchestrationInstance { InstanceId = "tsk_p1_1", ExecutionId = "e1" };
        HistoryEvent[] history =
        [
            new OrchestratorStartedEvent(-1) { Timestamp = new DateTime(2026, 11, 23, 10, 0, 1, DateTimeKind.Utc) },
            new ExecutionStartedEvent(-1, input) { Name = "VideoOrchestrator", OrchestrationInstance = instance, Timestamp = new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc) },
            new TaskScheduledEvent(0, firstActivity) { Input = "{\"container\":\"scripts\",\"path\":\"u1/p1/script.txt\"}" },
        ];
        return JsonConvert.SerializeObject(history);
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
