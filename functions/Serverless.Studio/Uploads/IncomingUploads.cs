using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Serverless.Studio.Accounts;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Projects;

namespace Serverless.Studio.Uploads;

/// <summary>
/// What every blob dropped under <c>{user_id}/</c> goes through, script or footage: a receipt per blob version
/// claimed before anything starts (so a redelivered blob starts nothing twice), the folder checked to name a known
/// user, then the start; a refusal, an exhausted quota or too many running tasks is recorded on the receipt.
/// </summary>
public sealed class IncomingUploads(UploadReceiptStore receipts, IUserDirectory users, TimeProvider time, ILogger<IncomingUploads> logger)
{
    /// <summary>
    /// Starts what <paramref name="start"/> starts for the receipt's ids; null for a blob that is gone. Receipts of
    /// scripts are keyed by name and ETag alone (<paramref name="kind"/> empty); any other kind of upload adds its kind.
    /// </summary>
    public async Task<UploadReceipt?> ReceiveAsync(
        string kind,
        BlobClient blob,
        string blobName,
        string projectId,
        Func<UploadReceipt, BlobProperties, CancellationToken, Task> start,
        CancellationToken cancellationToken = default)
    {
        BlobProperties properties;
        try
        {
            properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }

        var slash = blobName.IndexOf('/', StringComparison.Ordinal);
        var userId = slash > 0 ? blobName[..slash] : "";
        var etag = properties.ETag.ToString();
        var (receipt, created) = await receipts.ClaimAsync(new UploadReceipt
        {
            Id = "upl_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{(kind.Length == 0 ? "" : kind + ":")}{blobName}\n{etag}")))[..32],
            // Uploads outside any user's folder are recorded where no user can see them.
            UserId = userId.Length is > 0 and <= 128 ? userId : "-",
            Blob = blobName,
            ETag = etag,
            SizeBytes = properties.ContentLength,
            Status = UploadStatus.Received,
            ProjectId = projectId,
            TaskId = StudioIds.NewTaskId(projectId),
            CreatedAt = time.GetUtcNow(),
        }, cancellationToken);
        if (!created && receipt.Status != UploadStatus.Received)
        {
            return receipt;
        }

        UploadReceipt finished;
        try
        {
            if (userId.Length == 0 || userId.Length > 128 || !await users.ExistsAsync(userId, cancellationToken))
            {
                throw new UploadRefusedException(ErrorCodes.NotFound, "The folder does not name a known user: upload to {user_id}/ in the container.");
            }

            await start(receipt, properties, cancellationToken);
            finished = receipt with { Status = UploadStatus.Started, UpdatedAt = time.GetUtcNow() };
            logger.LogInformation("Upload {Container}/{Blob} started {TaskId}", blob.BlobContainerName, blobName, receipt.TaskId);
        }
        catch (UploadRefusedException e)
        {
            finished = receipt with { Status = UploadStatus.Failed, ErrorCode = e.Code, Error = e.Message, UpdatedAt = time.GetUtcNow() };
            logger.LogWarning("Upload {Container}/{Blob} refused: {Reason}", blob.BlobContainerName, blobName, e.Message);
        }
        catch (QuotaExceededException e)
        {
            finished = receipt with { Status = UploadStatus.Failed, ErrorCode = ErrorCodes.QuotaExceeded, Error = e.Message, UpdatedAt = time.GetUtcNow() };
            logger.LogWarning("Upload {Blob} refused: {UserId} is over the quota of plan {Plan}", blobName, userId, e.Status.Plan);
        }
        catch (TooManyRunningTasksException e)
        {
            // An upload is not retried by its sender, so it is refused on its receipt as an API call would be.
            finished = receipt with { Status = UploadStatus.Failed, ErrorCode = ErrorCodes.QuotaExceeded, Error = e.Message, UpdatedAt = time.GetUtcNow() };
            logger.LogWarning("Upload {Blob} refused: {UserId} runs {Limit} tasks already on plan {Plan}", blobName, userId, e.Limit, e.Plan);
        }

        await receipts.UpsertAsync(finished, cancellationToken);
        return finished;
    }
}
