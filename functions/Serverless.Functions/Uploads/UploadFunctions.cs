using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Footage;
using Serverless.Studio.Uploads;

namespace Serverless.Functions.Uploads;

/// <summary>
/// Blobs dropped under <c>{user_id}/</c>: scripts in <c>incoming</c> and footage in <c>incoming-footage</c>, the blob
/// triggers that start them, and their receipts.
/// </summary>
public sealed class UploadFunctions(UploadReceiptStore receipts, IncomingScriptProcessor scripts, IncomingFootageProcessor footage, ILogger<UploadFunctions> logger)
{
    public const string IncomingScript = "IncomingScript";
    public const string IncomingFootage = "IncomingFootage";

    /// <summary>
    /// A blob written under <c>incoming/{user_id}/</c> (Event Grid tells the host): its receipt, and a video started
    /// from it when it is a script its owner may run; an options sidecar or a blob already gone is nothing to do.
    /// </summary>
    [Function(IncomingScript)]
    public async Task IncomingScriptAsync(
        [BlobTrigger("incoming/{name}", Source = BlobTriggerSource.EventGrid, Connection = "Storage")] BlobClient blob,
        string name,
        CancellationToken cancellationToken) =>
        await ReceiveAsync(blob, name, scripts.ProcessAsync, cancellationToken);

    /// <summary>
    /// A blob written under <c>incoming-footage/{user_id}/</c>: its receipt, and a footage analyzed from it when it is a
    /// video its owner may upload (the receipt's project id is the footage id).
    /// </summary>
    [Function(IncomingFootage)]
    public async Task IncomingFootageAsync(
        [BlobTrigger("incoming-footage/{name}", Source = BlobTriggerSource.EventGrid, Connection = "Storage")] BlobClient blob,
        string name,
        CancellationToken cancellationToken) =>
        await ReceiveAsync(blob, name, footage.ProcessAsync, cancellationToken);

    /// <summary>The user's dropped scripts and footage, newest first: which started a video or an analysis and which failed, and why.</summary>
    [Function("ListUploads")]
    [Answers<ApiPage<UploadView>>]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/uploads")] HttpRequest req)
    {
        var http = req.HttpContext;
        var (page, problem) = PageRequest.Read(http);
        if (problem is not null)
        {
            return problem;
        }

        var all = await receipts.ListAsync(http.User.UserId(), http.RequestAborted);
        return ApiResults.Ok(http, page!.Cut(all.Select(UploadView.Of).ToList()));
    }

    private async Task ReceiveAsync(BlobClient blob, string name, Func<string, CancellationToken, Task<UploadReceipt?>> process, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (string.IsNullOrEmpty(name) || name.Length > 1024)
        {
            throw new ArgumentException($"The blob path under {blob.BlobContainerName}/ is missing or too long.", nameof(name));
        }

        var receipt = await process(name, cancellationToken);
        logger.LogInformation("Upload received: {Container}/{Blob} ({Status}{Error})", blob.BlobContainerName, name,
            receipt?.Status.ToString() ?? "nothing to do", receipt?.Error is { } error ? ": " + error : "");
    }
}
