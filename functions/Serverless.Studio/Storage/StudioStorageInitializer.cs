using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Serverless.Studio.Storage;

/// <summary>Creates the database, containers and blob containers at start, so the first request finds them.</summary>
public sealed class StudioStorageInitializer(StudioDatabase database, AssetStore assets, ILogger<StudioStorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(database.EnsureCreatedAsync(), assets.EnsureContainersAsync()).WaitAsync(cancellationToken);
        logger.LogInformation("Studio storage is ready");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
