using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.Durable.Tests.Scenarios;

namespace Serverless.Durable.Tests.Infrastructure;

/// <summary>One "process": a service provider with the durable worker running, over a backend that outlives it.</summary>
public sealed class DurableTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly List<IHostedService> _hosted;

    private DurableTestHost(ServiceProvider services, List<IHostedService> hosted)
    {
        _services = services;
        _hosted = hosted;
        Client = services.GetRequiredService<DurableTaskClient>();
    }

    public DurableTaskClient Client { get; }

    public IServiceProvider Services => _services;

    public static async Task<DurableTestHost> StartAsync(BackendFixture backend, Action<DurableTaskBuilder>? configure = null, ScenarioProbe? probe = null)
    {
        var services = new ServiceCollection();
        probe ??= new ScenarioProbe();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddProvider(new ProbeLoggerProvider(probe)));
        services.AddSingleton(probe);
        services.AddDurableTask(builder =>
        {
            Scenario.RegisterAll(builder);
            backend.Use(builder);
            configure?.Invoke(builder);
        });
        var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        return new DurableTestHost(provider, hosted);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _hosted)
        {
            await service.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
    }
}
