using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serverless.Media.Probing;
using Serverless.Media.Rendering;
using Serverless.Worker;
using Serverless.Testing;

namespace Serverless.Media.Tests.Fixtures;

/// <summary>The worker's real host, as Program.cs builds it, listening on a queue of the test's own.</summary>
public sealed class WorkerHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TempFolder _temp;

    private WorkerHost(IHost host, TempFolder temp)
    {
        _host = host;
        _temp = temp;
        Renderer = (CountingRenderer)host.Services.GetRequiredService<IVideoRenderer>();
    }

    /// <summary>The real ffmpeg renderer, counting its runs.</summary>
    public CountingRenderer Renderer { get; }

    public string TempRoot => _temp.Path;

    public static async Task<WorkerHost> StartAsync(string queue, int maxDeliveries = 5, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var temp = new TempFolder();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Storage"] = Azurite.ConnectionString,
            ["Worker:Queue"] = queue,
            ["Worker:TempRoot"] = temp.Path,
            ["Worker:PollWait"] = "00:00:01",
            ["Worker:RetryDelay"] = "00:00:01",
            ["Worker:MaxDeliveries"] = maxDeliveries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Worker:ResultsQueue"] = ResultsQueueOf(queue),
            ["Speech:VadModelPath"] = SourceTree.SileroVadModel(),
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddRenderWorker();
        builder.Services.AddSingleton<IVideoRenderer>(sp =>
            new CountingRenderer(new FfmpegVideoRenderer(sp.GetRequiredService<MediaOptions>(), sp.GetRequiredService<MediaProbe>())));
        var host = builder.Build();
        await host.StartAsync();
        return new WorkerHost(host, temp);
    }

    /// <summary>Each test's worker reports on a results queue of its own, named after its job queue.</summary>
    public static string ResultsQueueOf(string queue) => queue + "-results";

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _temp.Dispose();
    }
}
