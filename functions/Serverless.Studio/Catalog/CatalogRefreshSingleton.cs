using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Catalog;

/// <summary>How a refresh request went: run here, or skipped because another host holds the lease.</summary>
public sealed record CatalogRefreshRun(bool Ran, CatalogRefreshResult? Result, DateTimeOffset? LastRunAt);

/// <summary>
/// Runs the catalog refresh on one host at a time: the host that takes the blob lease (one lock blob per Cosmos
/// database, renewed while the refresh runs) refreshes and records when; others skip. The last run time also lets a
/// starting host catch up a run missed while no host was up.
/// </summary>
public sealed class CatalogRefreshSingleton(
    BlobServiceClient blobs,
    CatalogRefresher refresher,
    IOptions<CatalogOptions> options,
    IOptions<CosmosOptions> cosmos,
    TimeProvider time,
    ILogger<CatalogRefreshSingleton> logger)
{
    private const string LastRunKey = "lastrun";

    private BlobClient LockBlob => blobs.GetBlobContainerClient(options.Value.LockContainer).GetBlobClient($"catalog-refresh/{cosmos.Value.Database}");

    /// <summary>When the refresh last completed on any host, or null when never.</summary>
    public async Task<DateTimeOffset?> LastRunAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var properties = await LockBlob.GetPropertiesAsync(cancellationToken: cancellationToken);
            return properties.Value.Metadata.TryGetValue(LastRunKey, out var text)
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<CatalogRefreshRun> TryRunAsync(CancellationToken cancellationToken = default)
    {
        var blob = LockBlob;
        await blobs.GetBlobContainerClient(options.Value.LockContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        try
        {
            await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // The lock blob exists already (or is leased right now): that is the normal case.
        }

        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(TimeSpan.FromSeconds(options.Value.LeaseSeconds), cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            logger.LogInformation("Catalog refresh skipped: another host holds the lease");
            return new CatalogRefreshRun(false, null, null);
        }

        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewAsync(lease, renewing.Token);
        try
        {
            var result = await refresher.RefreshAsync(cancellationToken);
            var at = time.GetUtcNow();
            await blob.SetMetadataAsync(
                new Dictionary<string, string> { [LastRunKey] = at.ToString("O", CultureInfo.InvariantCulture) },
                new BlobRequestConditions { LeaseId = lease.LeaseId },
                cancellationToken);
            return new CatalogRefreshRun(true, result, at);
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
            try
            {
                await lease.ReleaseAsync(cancellationToken: CancellationToken.None);
            }
            catch (RequestFailedException e)
            {
                // The lease expires on its own within LeaseSeconds; the next run only waits that long.
                logger.LogWarning(e, "Catalog refresh lease was not released");
            }
        }
    }

    private async Task RenewAsync(BlobLeaseClient lease, CancellationToken cancellationToken)
    {
        var every = TimeSpan.FromSeconds(options.Value.LeaseSeconds / 3.0);
        try
        {
            while (true)
            {
                await Task.Delay(every, time, cancellationToken);
                await lease.RenewAsync(cancellationToken: cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (RequestFailedException e)
        {
            logger.LogWarning(e, "Catalog refresh lease could not be renewed; another host may start a refresh");
        }
    }
}
