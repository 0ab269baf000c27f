using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Uploads;

namespace Serverless.Functions.Uploads;

/// <summary>Scripts uploaded to the <c>incoming</c> container: the blob trigger that starts them, and their receipts.</summary>
public sealed class UploadFunctions(UploadReceiptStore receipts, IncomingScriptProcessor processor, ILogger<UploadFunctions> logger)
{
    public const string IncomingScript = "IncomingScript";

    /// <summary>
    /// A blob written under <c>incoming/{user_id}/</c> (Event Grid tells the host): its receipt, and a video started
    /// from it when it is a script its owner may run; an options sidecar or a blob already gone is nothing to do.
    /// </summary>
    [Function(IncomingScript)]
    public async Task IncomingScriptAsync(
        [BlobTrigger("incoming/{name}", Source = BlobTriggerSource.EventGrid, Connection = "Storage")] BlobClient blob,
        string name,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (string.IsNullOrEmpty(name) || name.Length > 1024)
        {
            throw new ArgumentException("The blob path under incoming/ is missing or too long.", nameof(name));
        }

        var receipt = await processor.ProcessAsync(name, cancellationToken);
        logger.LogInformation("Script uploaded: {Container}/{Blob} ({Status}{Error})", blob.BlobContainerName, name,
            receipt?.Status.ToString() ?? "nothing to do", receipt?.Error is { } error ? ": " + error : "");
    }

    /// <summary>The user's uploaded scripts, newest first: which started a video and which failed, and why.</summary>
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
}
