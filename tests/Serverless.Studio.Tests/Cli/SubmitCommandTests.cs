extern alias cli;

using System.CommandLine;
using cli::Serverless.Cli.Commands;

namespace Serverless.Studio.Tests.CliCommands;

/// <summary>What `serverless submit` makes of its options before it calls the studio.</summary>
public sealed class SubmitCommandTests
{
    [Theory]
    [InlineData("http://127.0.0.1:7071")]
    [InlineData("https://studio.example.com/")]
    public void The_studio_address_is_parsed_as_a_url(string url)
    {
        var parsed = Parse("submit", "script.txt", "--url", url);

        Assert.Empty(parsed.Errors);
        Assert.Equal(new Uri(url), parsed.GetValue<Uri>("--url"));
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("ftp://studio.example.com/")]
    public void A_bad_address_is_a_one_line_error_naming_the_option(string url)
    {
        var parsed = Parse("submit", "script.txt", "--url", url);

        var error = Assert.Single(parsed.Errors);
        Assert.Equal($"--url must be an absolute http(s) address, not '{url}'.", error.Message);
    }

    [Fact]
    public void Music_is_optional_and_passed_through()
    {
        Assert.Null(Parse("submit", "script.txt").GetValue<string?>("--music"));
        Assert.Equal("calm", Parse("submit", "script.txt", "--music", "calm").GetValue<string?>("--music"));
    }

    private static ParseResult Parse(params string[] args) => new RootCommand("test") { SubmitCommand.Create() }.Parse(args);
}
