using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Serverless.Studio.ProductCatalogs;

/// <summary>
/// Fetches catalogs' pending pictures after an import, in the background and one catalog at a time, so an import
/// answers as soon as its rows are stored. A catalog asked for twice while waiting is fetched once. Work lost with
/// the process is not lost for good: the products stay <c>pending</c>, and the scheduled refresh (or the next
/// request) fetches them.
/// </summary>
public sealed class ProductPictureWork(ProductPictures pictures, ILogger<ProductPictureWork> logger) : BackgroundService
{
    // Bounded: a burst of imports waits in line; past the bound a request is dropped, its pictures left pending.
    private readonly Channel<(string UserId, string CatalogId)> _queue = Channel.CreateBounded<(string, string)>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly HashSet<(string, string)> _waiting = [];

    public void Request(string userId, string catalogId)
    {
        lock (_waiting)
        {
            if (_waiting.Add((userId, catalogId)) && !_queue.Writer.TryWrite((userId, catalogId)))
            {
                _waiting.Remove((userId, catalogId));
                logger.LogWarning("Picture fetch for catalog {CatalogId} not queued: the queue is full; the refresh will fetch them", catalogId);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (userId, catalogId) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            lock (_waiting)
            {
                _waiting.Remove((userId, catalogId));
            }

            try
            {
                var tried = await pictures.FetchPendingAsync(userId, catalogId, stoppingToken);
                logger.LogInformation("Fetched {Count} pictures of catalog {CatalogId}", tried, catalogId);
            }
            catch (Exception e) when (e is Azure.RequestFailedException or Microsoft.Azure.Cosmos.CosmosException)
            {
                // Storage trouble leaves the rest pending for the next request or refresh; the loop must go on.
                logger.LogError(e, "Fetching the pictures of catalog {CatalogId} failed", catalogId);
            }
        }
    }
}
