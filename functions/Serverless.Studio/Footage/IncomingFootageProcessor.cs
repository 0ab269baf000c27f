using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Projects;
using Serverless.Studio.Uploads;

namespace Serverless.Studio.Footage;

/// <summary>
/// Handles one blob dropped at <c>{user_id}/name.mp4</c> in the incoming footage container, from the blob trigger or
/// the local poller: as <c>POST /api/v1/footage</c> and its completion would, it records a footage for that user
/// (the dropped version copied into the footage's own folder) and starts the analysis, once per blob version; a refusal
/// goes on the upload receipt for the owner to read at <c>GET /api/v1/uploads</c>.
/// </summary>
public sealed class IncomingFootageProcessor(BlobServiceClient blobs, IncomingUploads uploads, FootageService footage, IOptions<FootageOptions> options)
{
    public const string ReceiptKind = "footage";

    /// <summary>The receipt of the blob's current version (its project id is the footage id), or null for a blob that is gone.</summary>
    public async Task<UploadReceipt?> ProcessAsync(string blobName, CancellationToken cancellationToken = default)
    {
        var container = options.Value.IncomingContainer;
        var blob = blobs.GetBlobContainerClient(container).GetBlobClient(blobName);
        return await uploads.ReceiveAsync(ReceiptKind, blob, blobName, FootageIds.NewFootageId(), async (receipt, properties, ct) =>
        {
            var outcome = await footage.AdoptAsync(
                receipt.UserId, receipt.ProjectId, receipt.TaskId, new BlobRef(container, blobName), properties.ETag, properties.ContentLength, ct);
            if (outcome.Kind != OutcomeKind.Ok)
            {
                var code = outcome.Kind == OutcomeKind.NotFound ? ErrorCodes.NotFound : ErrorCodes.InvalidParameters;
                throw new UploadRefusedException(code, outcome.Field is { } field ? $"{field} must be {outcome.Reason}." : $"The footage was refused: {outcome.Reason}.");
            }
        }, cancellationToken);
    }
}
