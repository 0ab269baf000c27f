using System.Diagnostics;
using Serverless.Testing;

namespace Serverless.Infra.Tests;

/// <summary>
/// How infra/local/dev.sh starts and stops the local stack's processes, with its own start/stop functions (the script
/// sourced, runs nothing) over a throwaway run folder: a live pid file means running, so `up` twice starts nothing
/// twice (the worker has no URL to ask); a process that died is started again; stop leaves nothing of its group.
/// </summary>
public sealed class LocalStackProcessTests : IDisposable
{
    private readonly string _run = Directory.CreateTempSubdirectory("dev-sh-run-").FullName;

    [Fact]
    public async Task Starting_twice_starts_once_a_dead_process_is_started_again_and_stop_ends_its_whole_group()
    {
        // A stand-in with a child, as the worker has ffmpeg: the group outlives its leader unless stopped as a group.
        const string service = "start demo '' bash -c 'sleep 300 & wait'";

        var first = await RunAsync($"{service}; sleep 0.3; cat \"$RUN/demo.pid\"");
        var again = await RunAsync($"{service}; cat \"$RUN/demo.pid\"");

        Assert.Contains("starting demo", first.Log, StringComparison.Ordinal);
        Assert.Contains($"demo already running (pid {first.Pid})", again.Log, StringComparison.Ordinal);
        Assert.Equal(first.Pid, again.Pid);
        Assert.Equal(2, GroupMembers(first.Pid));

        // The leader dies, its child lives on: the next start cleans up the group and starts a new one.
        Process.GetProcessById(first.Pid).Kill();
        await WaitAsync(() => !Alive(first.Pid));
        var restarted = await RunAsync($"{service}; sleep 0.3; cat \"$RUN/demo.pid\"");

        Assert.NotEqual(first.Pid, restarted.Pid);
        Assert.Equal(0, GroupMembers(first.Pid));
        Assert.Equal(2, GroupMembers(restarted.Pid));

        var stopped = await RunAsync("stop demo; ls \"$RUN\" | wc -l");

        Assert.Equal(0, stopped.Pid); // no pid file left
        Assert.Equal(0, GroupMembers(restarted.Pid));
    }

    public void Dispose()
    {
        _ = RunAsync("stop demo; true").GetAwaiter().GetResult();
        Directory.Delete(_run, recursive: true);
    }

    /// <summary>Sources dev.sh with its run and log folders pointed at the test's own, runs the commands, returns stderr and the last number printed.</summary>
    private async Task<(string Log, int Pid)> RunAsync(string commands)
    {
        var script = Path.Combine(SourceTree.Root, "infra", "local", "dev.sh");
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($". '{script}'; RUN='{_run}/run'; LOGS='{_run}/logs'; mkdir -p \"$RUN\" \"$LOGS\"; {commands}");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var log = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(process.ExitCode == 0, $"bash exited {process.ExitCode}: {await log}");
        var last = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim();
        return (await log, int.TryParse(last, out var pid) ? pid : -1);
    }

    private static int GroupMembers(int group)
    {
        var start = new ProcessStartInfo("pgrep", ["-g", group.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        process.WaitForExit();
        return lines.Length;
    }

    private static bool Alive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        for (var i = 0; i < 50 && !condition(); i++)
        {
            await Task.Delay(100);
        }
    }
}
