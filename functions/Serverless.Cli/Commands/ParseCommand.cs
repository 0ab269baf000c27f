using System.CommandLine;
using System.Text.Json;
using Serverless.Studio.Screenplays;

namespace Serverless.Cli.Commands;

/// <summary><c>serverless parse FILE</c>: prints the parsed script as the seed-shaped JSON.</summary>
public static class ParseCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE")
        {
            Description = "Script file: seed format, English, Markdown or Fountain (UTF-8, at most 1 MB).",
        };
        var command = new Command("parse", "Parse a script and print it as JSON (scenes, shots, characters, metadata).")
        {
            file,
        };
        command.SetAction(result => Run(
            result.GetValue(file)!,
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Exit code 0 with JSON on <paramref name="output"/>, or 1 with one line on <paramref name="error"/>.</summary>
    public static int Run(string path, TextWriter output, TextWriter error)
    {
        if (!ScriptFile.TryRead(path, out var text, out var readError))
        {
            error.WriteLine(readError);
            return 1;
        }

        var result = ScreenplayParser.Parse(text);
        if (!result.Succeeded)
        {
            error.WriteLine($"{path}: {result.Error}");
            return 1;
        }

        output.WriteLine(JsonSerializer.Serialize(result.Screenplay, ScreenplayJson.Options));
        return 0;
    }
}
