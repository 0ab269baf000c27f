using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Serverless.Functions.Hosting;
using Serverless.Functions.LocalRunner;
using Serverless.Studio.Uploads;

namespace Serverless.Functions.Uploads;

/// <summary>
/// The blob trigger in the local runner (no Event Grid): lists the upload container (<c>Uploads:Container</c>, the
/// trigger's <c>incoming</c>) on a timer and invokes the same <see cref="UploadFunctions.IncomingScriptAsync"/> the
/// Functions host calls, with the new blob and its <c>name</c>. Receipts keep a blob from starting
/// twice across restarts and hosts; the in-memory set only spares the receipt lookups for blobs already handled.
/// </summary>
public sealed class IncomingScriptPoller(
    BlobServiceClient blobs,
    IServiceScopeFactory scopes,
    IOptions<UploadOptions> options,
    TimeProvider time,
    ILogger<IncomingScriptPoller> logger) : BackgroundService
{
    private static readonly FunctionDescriptor Function = FunctionCatalog.ForApp.Get(UploadFunctions.IncomingScript);

    private readonly HashSet<(string Name, ETag ETag)> _handled = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var container = blobs.GetBlobContainerClient(options.Value.Container);
        logger.LogInformation("Watching blob container {Container} for uploaded scripts every {Interval}", options.Value.Container, options.Value.PollInterval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await container.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                await PassAsync(container, stoppingToken);
            }
            catch (RequestFailedException e)
            {
                logger.LogWarning(e, "Listing {Container} failed; trying again next pass", options.Value.Container);
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
            if (IncomingScriptProcessor.IsSidecar(blob.Name) || _handled.Contains(key))
            {
                continue;
            }

            await using (var scope = scopes.CreateAsyncScope())
            {
                var input = new FunctionInput(container.GetBlobClient(blob.Name), new Dictionary<string, object?> { ["name"] = blob.Name });
                await FunctionInvoker.InvokeAsync(Function, scope.ServiceProvider, input, cancellationToken);
            }


            _handled.Add(key);
        }
    }
}
