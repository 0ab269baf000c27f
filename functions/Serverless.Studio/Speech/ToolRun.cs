using System.ComponentModel;
using System.Text;
using CliWrap;

namespace Serverless.Studio.Speech;

/// <summary>
/// Runs a speech tool with an argument list (never a shell string), optional stdin, a time limit and its stderr
/// kept for the error message. Shared by the espeak-ng, festival and sox steps.
/// </summary>
internal static class ToolRun
{
    public static async Task<byte[]> RunAsync(
        string executable,
        IReadOnlyList<string> arguments,
        string? stdin,
        TimeSpan timeout,
        string what,
        string installHint,
        CancellationToken cancellationToken,
        bool requireOutput = true)
    {
        var name = Path.GetFileName(executable);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        using var stdout = new MemoryStream();
        var stderr = new StringBuilder();
        var command = Cli.Wrap(executable)
            .WithArguments(arguments)
            .WithStandardInputPipe(stdin is null ? PipeSource.Null : PipeSource.FromString(stdin, new UTF8Encoding(false)))
            .WithStandardOutputPipe(PipeTarget.ToStream(stdout))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
            .WithValidation(CommandResultValidation.None);

        CommandResult result;
        try
        {
            result = await command.ExecuteAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SpeechSynthesisException($"{name} did not finish within {timeout.TotalSeconds:0.#} s ({what}).");
        }
        catch (Win32Exception ex)
        {
            throw new SpeechSynthesisException($"{name} could not be started ('{executable}'); {installHint}.", ex);
        }

        if (result.ExitCode != 0)
        {
            throw new SpeechSynthesisException($"{name} failed with exit code {result.ExitCode} ({what}): {stderr.ToString().Trim()}");
        }

        if (requireOutput && stdout.Length == 0)
        {
            throw new SpeechSynthesisException($"{name} wrote nothing ({what}): {stderr.ToString().Trim()}");
        }

        return stdout.ToArray();
    }
}
