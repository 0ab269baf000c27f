using System.Diagnostics;

namespace Serverless.Durable.Tests.Crash;

/// <summary>A durable worker in its own process, which the tests can SIGKILL.</summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private HostProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static async Task<HostProcess> StartAsync(string connection, string hub, string sideEffects)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(HostAssembly());
        info.ArgumentList.Add(connection);
        info.ArgumentList.Add(hub);
        info.ArgumentList.Add(sideEffects);
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the test host.");
        var host = new HostProcess(process);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (host._output)
            {
                host._output.Add(e.Data);
            }

            if (e.Data == "ready")
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (host._output)
                {
                    host._output.Add(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60))) != ready.Task)
        {
            host.Kill();
            throw new InvalidOperationException($"The test host did not start:\n{host.Output}");
        }

        return host;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static string HostAssembly()
    {
        // tests/Serverless.Durable.Tests/bin/{configuration}/{framework}/ -> tests/Serverless.Durable.Tests/TestHost/bin/...
        var framework = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = framework.Parent!;
        var project = configuration.Parent!.Parent!;
        var path = Path.Combine(project.FullName, "TestHost", "bin", configuration.Name, framework.Name, "Serverless.Durable.TestHost.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the test host first (it is built with the tests).", path);
    }
}
