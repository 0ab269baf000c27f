using System.Diagnostics;

namespace Serverless.Media.Quality;

/// <summary>
/// Runs ffmpeg or ffprobe and hands back what it wrote: the measuring runs read filter reports (ebur128, blackdetect,
/// freezedetect) from the log, which FFMpegCore's processor does not return. Arguments go one by one, never through a shell.
/// </summary>
internal static class FfmpegProcess
{
    public static Task<(string StdOut, string StdErr)> RunAsync(
        MediaOptions options, string tool, IReadOnlyList<string> arguments, string? workDirectory, CancellationToken cancellationToken) =>
        RunToolAsync(string.IsNullOrEmpty(options.FfmpegFolder) ? tool : Path.Combine(options.FfmpegFolder, tool), arguments, workDirectory, cancellationToken);

    /// <summary>Any other command-line tool (pocketsphinx), by the same rules: killed on cancellation, a failure names its log's tail.</summary>
    public static async Task<(string StdOut, string StdErr)> RunToolAsync(
        string executable, IReadOnlyList<string> arguments, string? workDirectory, CancellationToken cancellationToken)
    {
        var tool = Path.GetFileName(executable);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDirectory ?? "",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var (output, log) = (await stdout, await stderr);
        if (process.ExitCode != 0)
        {
            var tail = string.Join(" | ", log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(6));
            throw new Rendering.RenderFailedException($"{tool} exited with {process.ExitCode}: {tail}");
        }

        return (output, log);
    }
}
