extern alias cli;

using System.CommandLine;
using cli::Serverless.Cli.Commands;

namespace Serverless.Studio.Tests.CliCommands;

/// <summary>What `serverless cancel` takes and how it fails without reaching a studio.</summary>
public sealed class CancelCommandTests
{
    [Fact]
    public void The_task_id_is_required()
    {
        Assert.NotEmpty(Parse("cancel").Errors);
        var parsed = Parse("cancel", "tsk_1_2", "--url", "http://127.0.0.1:7071");
        Assert.Empty(parsed.Errors);
        Assert.Equal("tsk_1_2", parsed.GetValue<string>("TASK_ID"));
    }

    [Fact]
    public void The_studio_address_is_checked_as_for_submit()
    {
        var error = Assert.Single(Parse("cancel", "tsk_1_2", "--url", "nope").Errors);
        Assert.Equal("--url must be an absolute http(s) address, not 'nope'.", error.Message);
    }

    [Fact]
    public async Task A_studio_that_does_not_answer_is_a_failure_exit()
    {
        // Port 9 (discard) has no listener here: the call fails at once.
        var exit = await Parse("cancel", "tsk_1_2", "--url", "http://127.0.0.1:9", "--api-key", "sk_test").InvokeAsync();
        Assert.Equal(1, exit);
    }

    private static ParseResult Parse(params string[] args) => new RootCommand("test") { CancelCommand.Create() }.Parse(args);
}
