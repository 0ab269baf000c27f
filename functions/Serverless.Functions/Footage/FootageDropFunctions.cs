using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Serverless.Studio.Footage;

namespace Serverless.Functions.Footage;

/// <summary>Footage dropped into the <c>incoming-footage</c> container: the blob trigger that starts its analysis.</summary>
public sealed class FootageDropFunctions(IncomingFootageProcessor processor, ILogger<FootageDropFunctions> logger)
{
    public const string IncomingFootage = "IncomingFootage";

    /// <summary>
    /// A blob written under <c>incoming-footage/{user_id}/</c> (Event Grid tells the host): its receipt, and a footage
    /// analyzed from it when it is a video its owner may upload; its receipts are listed with the scripts' ones.
    /// </summary>
    [Function(IncomingFootage)]
    public async Task IncomingFootageAsync(
        [BlobTrigger("incoming-footage/{name}", Source = BlobTriggerSource.EventGrid, Connection = "Storage")] BlobClient blob,
        string name,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (string.IsNullOrEmpty(name) || name.Length > 1024)
        {
            throw new ArgumentException("The blob path under incoming-footage/ is missing or too long.", nameof(name));
        }

        var receipt = await processor.ProcessAsync(name, cancellationToken);
        logger.LogInformation("Footage dropped: {Container}/{Blob} ({Status}{Error})", blob.BlobContainerName, name,
            receipt?.Status.ToString() ?? "nothing to do", receipt?.Error is { } error ? ": " + error : "");
    }
}
