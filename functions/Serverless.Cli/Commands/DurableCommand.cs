using System.CommandLine;
using Azure;
using DurableTask.AzureStorage;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;
using Serverless.Contracts;
using Serverless.Studio;
using Serverless.Studio.Orchestrations;
using Serverless.TaskHub;

namespace Serverless.Cli.Commands;

/// <summary>
/// <c>serverless durable history ID</c> saves a running instance's history from the task hub;
/// <c>serverless durable replay FILE</c> proves the current orchestrator code still makes that history's decisions.
/// </summary>
public static class DurableCommand
{
    /// <summary>Exit code of a replay whose decisions differ from the history.</summary>
    public const int NonDeterministic = 2;

    // DTFx keeps histories in table rows with large payloads in blobs; a saved history of any of our orchestrations fits well within this.
    private const long MaxHistoryFileBytes = 64L * 1024 * 1024;

    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A saved history: what `serverless durable history` wrote." };
        var replay = new Command("replay", "Replay a saved history against the orchestrator registered under its name; report the first decision that differs.")
        {
            file,
        };
        replay.SetAction(result => Replay(result.GetValue(file)!, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));

        var instance = new Argument<string>("INSTANCE_ID") { Description = "The orchestration's instance id (a video's task id)." };
        var storage = new Option<string>("--storage")
        {
            Description = "The task hub's storage connection string (default: $Storage__ConnectionString, else the local Azurite).",
        };
        var hub = new Option<string>("--task-hub") { Description = "The task hub's name (default: $Durable__TaskHub, else studio)." };
        var output = new Option<string>("--output", "-o") { Description = "Where to write the history (default: INSTANCE_ID.history.json)." };
        var history = new Command("history", "Save an instance's current execution history from the task hub, for replay.") { instance, storage, hub, output };
        history.SetAction((result, cancellation) => SaveHistoryAsync(
            result.GetValue(instance)!,
            result.GetValue(storage) ?? Environment.GetEnvironmentVariable("Storage__ConnectionString") ?? "UseDevelopmentStorage=true",
            result.GetValue(hub) ?? Environment.GetEnvironmentVariable("Durable__TaskHub") ?? "studio",
            result.GetValue(output),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error,
            cancellation));
        return new Command("durable", "Durable orchestration tools.") { history, replay };
    }

    /// <summary>0 and "replay matches", 2 and the non-determinism error, or 1 and one line for an unusable file.</summary>
    public static int Replay(string path, TextWriter output, TextWriter error)
    {
        IReadOnlyList<DurableTask.Core.History.HistoryEvent> history;
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

            history = HistoryReplay.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{path}: not a saved history: {e.Message.ReplaceLineEndings(" ")}");
            return 1;
        }

        using var services = StudioServices();
        ReplayReport report;
        try
        {
            report = HistoryReplay.Replay(services, new TaskHubRegistry().Add(StudioOrchestrations.All), new JsonDataConverter(JobJson.Options), history);
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"{path}: {e.Message}");
            return 1;
        }

        if (!report.IsDeterministic)
        {
            output.WriteLine($"non-deterministic: {report.NonDeterminism!.ReplaceLineEndings(" ")}");
            return NonDeterministic;
        }

        output.WriteLine($"replay matches: {report.Orchestrator}, {report.EventsReplayed} events, {report.Status}");
        return 0;
    }

    private static async Task<int> SaveHistoryAsync(
        string instanceId, string connectionString, string taskHub, string? path, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var settings = TaskHubServiceCollectionExtensions.Settings(
            new TaskHubOptions { TaskHub = taskHub }, TaskHubAccount.FromConnectionString(connectionString), NullLoggerFactory.Instance);
        var client = new TaskHubClient(new AzureStorageOrchestrationService(settings), new JsonDataConverter(JobJson.Options));
        string? json;
        try
        {
            json = await client.GetHistoryJsonAsync(instanceId, cancellation);
        }
        catch (Exception e) when (e is RequestFailedException or FormatException or ArgumentException or InvalidOperationException)
        {
            error.WriteLine($"The task hub '{taskHub}' could not be read: {e.Message.ReplaceLineEndings(" ")}");
            return 1;
        }

        if (json is null)
        {
            error.WriteLine($"No instance {instanceId} in task hub '{taskHub}'.");
            return 1;
        }

        path ??= $"{instanceId}.history.json";
        await File.WriteAllTextAsync(path, json, cancellation);
        output.WriteLine(path);
        return 0;
    }

    /// <summary>
    /// The studio's services as the function app registers them, for the orchestrators' constructors; nothing is started
    /// or connected. Settings orchestrators read come from environment variables (<c>Studio__ApprovalTimeout</c>) so a
    /// replay can use the deployed values.
    /// </summary>
    private static ServiceProvider StudioServices()
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
