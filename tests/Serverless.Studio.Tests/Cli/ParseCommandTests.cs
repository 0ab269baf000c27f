extern alias cli;

using System.CommandLine;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using cli::Serverless.Cli;
using cli::Serverless.Cli.Commands;
using Serverless.Studio.Tests.Screenplays;

// Not "...Tests.Cli": that namespace would shadow CliWrap's Cli class for every test in Serverless.Studio.Tests.
namespace Serverless.Studio.Tests.CliCommands;

public sealed class ParseCommandTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("serverless-cli-");

    public void Dispose() => _scratch.Delete(recursive: true);

    [Fact]
    public void Prints_the_seed_shaped_json_for_the_confession_sample()
    {
        var (exit, output, error) = Invoke("parse", Path.Combine(SampleScripts.ProjectFolder, "confession.zh.txt"));

        Assert.Equal(0, exit);
        Assert.Empty(error);
        var root = JsonNode.Parse(output)!;
        Assert.Equal("seed", (string?)root["format"]);
        Assert.Equal(2, root["scenes"]!.AsArray().Count);
        Assert.Equal("现代都市街道", (string?)root["scenes"]![0]!["location"]);
        var shot = root["scenes"]![0]!["shots"]![1]!;
        Assert.Equal(("dialogue", "小明", "那个...我有话想对你说", "紧张"), ((string?)shot["type"], (string?)shot["character"], (string?)shot["text"], (string?)shot["emotion"]));
        Assert.True((double)shot["duration"]! >= 1.5);
        Assert.Equal(["男", "学生"], root["characters"]![0]!["attributes"]!.AsArray().Select(a => (string?)a));
        Assert.Equal(9, (int)root["metadata"]!["total_shots"]!);
        Assert.Contains("\"total_scenes\": 2", output);
    }

    [Theory]
    [InlineData("", "The script is empty.")]
    [InlineData("Just a paragraph of prose, not a script.", "No scenes or lines were recognised")]
    public void Empty_or_invalid_scripts_exit_1_with_one_line(string content, string message)
    {
        var file = Write("script.txt", content);

        var (exit, output, error) = Invoke("parse", file);

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains(message, error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void A_missing_file_exits_1_with_one_line()
    {
        var (exit, _, error) = Invoke("parse", Path.Combine(_scratch.FullName, "nope.txt"));

        Assert.Equal(1, exit);
        Assert.StartsWith("Script file not found:", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Files_over_one_megabyte_are_refused_before_reading()
    {
        var file = Path.Combine(_scratch.FullName, "big.txt");
        File.WriteAllText(file, "小明: " + new string('a', (int)ScriptFile.MaxBytes));

        var (exit, _, error) = Invoke("parse", file);

        Assert.Equal(1, exit);
        Assert.Contains("limited to 1,048,576 bytes", error);
    }

    [Fact]
    public void Binary_files_are_refused_as_not_utf8()
    {
        var file = Path.Combine(_scratch.FullName, "image.png");
        File.WriteAllBytes(file, [0x89, 0x50, 0x4E, 0x47, 0xFF, 0xFE, 0xC3, 0x28]);

        var (exit, _, error) = Invoke("parse", file);

        Assert.Equal(1, exit);
        Assert.EndsWith("is not UTF-8 text.", error.TrimEnd());
    }

    [Fact]
    public void The_built_cli_exits_0_with_json_and_1_with_one_stderr_line()
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "serverless.dll");
        Assert.True(File.Exists(cli), $"{cli} is missing: the test project references the CLI project so it is built alongside.");

        var ok = Run(cli, "parse", Path.Combine(SampleScripts.ProjectFolder, "markdown_multi.zh.md"));
        Assert.Equal(0, ok.Exit);
        Assert.Equal("猫咪侦探 第一集", (string?)JsonNode.Parse(ok.Output)!["title"]);

        var empty = Run(cli, "parse", Write("empty.txt", "\n\n"));
        Assert.Equal(1, empty.Exit);
        Assert.Empty(empty.Output);
        Assert.Equal($"{Path.Combine(_scratch.FullName, "empty.txt")}: The script is empty.", empty.Error.TrimEnd());
    }

    private static (int Exit, string Output, string Error) Invoke(params string[] args)
    {
        var root = new RootCommand("test") { ParseCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private static (int Exit, string Output, string Error) Run(string cli, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        start.ArgumentList.Add(cli);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the CLI did not exit within 60 s");
        return (process.ExitCode, output.Result, error.Result);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_scratch.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
