using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Serverless.Functions.Hosting;
using Serverless.Functions.LocalRunner;
using Serverless.Studio.Uploads;

namespace Serverless.Functions.Uploads;

/// <summary>One drop container and the blob-triggered function its new blobs go to; <see cref="Skip"/> names blobs read only with others.</summary>
public sealed record IncomingWatch(string Container, string Function, Func<string, bool> Skip);

/// <summary>
/// A blob trigger in the local runner (no Event Grid): lists a drop container (scripts in <c>Uploads:Container</c>,
/// footage in <c>Footage:IncomingContainer</c>) every <c>Uploads:PollInterval</c> and invokes the same function the
/// Functions host calls, with the new blob and its <c>name</c>. Receipts keep a blob from starting
/// twice across restarts and hosts; the in-memory set only spares the receipt lookups for blobs already handled.
/// </summary>
public sealed class IncomingBlobPoller(
    IncomingWatch watch,
    BlobServiceClient blobs,
    IServiceScopeFactory scopes,
    IOptions<UploadOptions> options,
    TimeProvider time,
    ILogger<IncomingBlobPoller> logger) : BackgroundService
{
    private readonly FunctionDescriptor _function = FunctionCatalog.ForApp.Get(watch.Function);

    private readonly HashSet<(string Name, ETag ETag)> _handled = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var container = blobs.GetBlobContainerClient(watch.Container);
        logger.LogInformation("Watching blob container {Container} for {Function} every {Interval}", watch.Container, watch.Function, options.Value.PollInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await container.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                await PassAsync(container, stoppingToken);
            }
            catch (RequestFailedException e)
            {
                logger.LogWarning(e, "Listing {Container} failed; trying again next pass", watch.Container);
            }
            catch (Microsoft.Azure.Cosmos.CosmosException e)
            {
                logger.LogWarning(e, "Recording an upload failed; trying again next pass");
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PassAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            var key = (blob.Name, blob.Properties.ETag ?? default);
            if (watch.Skip(blob.Name) || _handled.Contains(key))
            {
                continue;
            }

            await using (var scope = scopes.CreateAsyncScope())
            {
                var input = new FunctionInput(container.GetBlobClient(blob.Name), new Dictionary<string, object?> { ["name"] = blob.Name });
                await FunctionInvoker.InvokeAsync(_function, scope.ServiceProvider, input, cancellationToken);
            }

            _handled.Add(key);
        }
    }
}
