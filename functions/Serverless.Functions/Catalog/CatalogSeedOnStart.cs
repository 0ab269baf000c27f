using Microsoft.Extensions.Options;
using Serverless.Studio.Catalog;

namespace Serverless.Functions.Catalog;

/// <summary>
/// With <c>Catalog:SeedFolder</c> set, uploads the folder's files and indexes the catalog before the app takes
/// requests (hosted services start before the server), so the first video can already ask for that music.
/// </summary>
public sealed class CatalogSeedOnStart(CatalogSeed seed, CatalogRefreshSingleton refresh, IOptions<CatalogOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.SeedFolder is not { Length: > 0 } folder)
        {
            return;
        }

        await seed.UploadMissingAsync(folder, cancellationToken);
        await refresh.TryRunAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
