using System.Diagnostics;
using System.Text;
using Serverless.Worker;
using Serverless.Testing;

namespace Serverless.Media.Tests.Fixtures;

/// <summary>
/// The worker as its own process, started the way the dev script starts it (the built dll, configuration from the
/// environment), so a test can kill it outright or send it SIGTERM.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private WorkerProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static WorkerProcess Start(string queue, string tempRoot, TimeSpan visibility, IReadOnlyDictionary<string, string>? settings = null)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, $"{typeof(WorkerHostExtensions).Assembly.GetName().Name}.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ConnectionStrings__Storage"] = Azurite.ConnectionString;
        start.Environment["Worker__Queue"] = queue;
        start.Environment["Worker__TempRoot"] = tempRoot;
        start.Environment["Worker__Visibility"] = visibility.ToString("c");
        start.Environment["Worker__PollWait"] = "00:00:01";
        start.Environment["Worker__RetryDelay"] = "00:00:01";
        start.Environment["Worker__ResultsQueue"] = WorkerHost.ResultsQueueOf(queue);
        start.Environment["Speech__VadModelPath"] = SourceTree.SileroVadModel();
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>A crash: SIGKILL to the worker and to the ffmpeg it runs.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>What a container runtime sends on scale-in or deployment.</summary>
    public async Task TerminateAsync() => await Tool.RunAsync("kill", "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public int ExitCode => _process.ExitCode;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
