using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Durable;
using Serverless.Durable.History;
using Serverless.Studio;

namespace Serverless.Cli.Commands;

/// <summary><c>serverless durable replay FILE</c>: proves the current orchestrator code still makes a saved history's decisions.</summary>
public static class DurableCommand
{
    /// <summary>Exit code of a replay whose decisions differ from the history.</summary>
    public const int NonDeterministic = 2;

    // The largest history the engine keeps (20,000 events) with large payloads moved to blobs fits well within this.
    private const long MaxHistoryFileBytes = 64L * 1024 * 1024;

    public static Command Create()
    {
        var file = new Argument<string>("FILE")
        {
            Description = "A saved history: the status document of the management endpoint fetched with showHistory=true, or an array of events.",
        };
        var replay = new Command("replay", "Replay a saved history against the orchestrator registered under its name; report the first decision that differs.")
        {
            file,
        };
        replay.SetAction(result => Replay(result.GetValue(file)!, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return new Command("durable", "Durable engine tools.") { replay };
    }

    /// <summary>0 and "replay matches", 2 and the non-determinism error, or 1 and one line for an unusable file.</summary>
    public static int Replay(string path, TextWriter output, TextWriter error)
    {
        IReadOnlyList<HistoryEvent> history;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                error.WriteLine($"History file not found: {path}");
                return 1;
            }

            if (info.Length > MaxHistoryFileBytes)
            {
                error.WriteLine($"{path}: the history file is {info.Length / (1024 * 1024)} MB; at most {MaxHistoryFileBytes / (1024 * 1024)} MB is read.");
                return 1;
            }

            history = HistoryReplayer.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{path}: not a saved history: {e.Message}");
            return 1;
        }

        using var services = StudioOrchestrators();
        ReplayReport report;
        try
        {
            report = HistoryReplayer.Replay(services, history);
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"{path}: {e.Message}");
            return 1;
        }

        var name = history.OfType<ExecutionStartedEvent>().First().Name;
        if (!report.IsDeterministic)
        {
            output.WriteLine($"non-deterministic: {report.Error}");
            return NonDeterministic;
        }

        output.WriteLine($"replay matches: {name}, {report.EventsReplayed} events, {report.Status}");
        return 0;
    }

    /// <summary>
    /// The studio's own registrations (orchestrators, JSON options), as the function app builds them; nothing is
    /// started or connected. Settings that orchestrators read come from SERVERLESS-style environment variables
    /// (<c>Studio__ApprovalTimeout</c>) so a replay can use the deployed values.
    /// </summary>
    private static ServiceProvider StudioOrchestrators()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Studio:PublicBaseUrl"] = "http://127.0.0.1:7071" })
            .AddEnvironmentVariables()
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddStudio(configuration);
        return services.BuildServiceProvider();
    }
}
