using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Projects;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Videos;
using Serverless.Studio.Webhooks;

namespace Serverless.Studio.Uploads;

/// <summary>
/// Handles one uploaded blob, from the Functions host's blob trigger or the local poller alike: a script at
/// <c>{user_id}/name.txt|.md|.fountain</c> (options in <c>name.json</c> beside it, uploaded first) starts a video for
/// that user, once per blob version; anything wrong is recorded on the receipt for the user to read.
/// </summary>
public sealed class IncomingScriptProcessor(
    BlobServiceClient blobs,
    IncomingUploads uploads,
    VideoService videos,
    WebhookService webhooks,
    IOptions<UploadOptions> options,
    IOptions<StudioOptions> studio)
{
    public static readonly IReadOnlyList<string> ScriptExtensions = [".txt", ".md", ".fountain"];
    private const string SidecarExtension = ".json";
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Whether a blob name is an options sidecar (read with its script, never processed alone).</summary>
    public static bool IsSidecar(string blobName) => blobName.EndsWith(SidecarExtension, StringComparison.OrdinalIgnoreCase);

    /// <summary>The receipt of the blob's current version, or null for a sidecar or a blob that is gone.</summary>
    public async Task<UploadReceipt?> ProcessAsync(string blobName, CancellationToken cancellationToken = default)
    {
        if (IsSidecar(blobName))
        {
            return null;
        }

        var blob = blobs.GetBlobContainerClient(options.Value.Container).GetBlobClient(blobName);
        return await uploads.ReceiveAsync("", blob, blobName, StudioIds.NewProjectId(), async (receipt, properties, ct) =>
        {
            var submission = await ReadAsync(blob, blobName, properties.ContentLength, ct);
            await videos.SubmitAsync(receipt.UserId, submission, new VideoIds(receipt.ProjectId, receipt.TaskId), ct);
        }, cancellationToken);
    }

    private async Task<VideoSubmission> ReadAsync(BlobClient blob, string blobName, long size, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(blobName).ToLowerInvariant();
        if (!ScriptExtensions.Contains(extension))
        {
            throw new UploadRefusedException(ErrorCodes.InvalidParameters, $"Scripts end in {string.Join(", ", ScriptExtensions)} (options go in a .json beside them).");
        }

        if (size > options.Value.MaxScriptBytes)
        {
            throw new UploadRefusedException(ErrorCodes.InvalidParameters, $"The script is {size} bytes; at most {options.Value.MaxScriptBytes} are accepted.");
        }

        string script;
        try
        {
            script = StrictUtf8.GetString((await blob.DownloadContentAsync(cancellationToken)).Value.Content.ToArray());
        }
        catch (DecoderFallbackException)
        {
            throw new UploadRefusedException(ErrorCodes.InvalidParameters, "The script is not UTF-8 text.");
        }

        if (script.Length > studio.Value.MaxScriptCharacters)
        {
            throw new UploadRefusedException(ErrorCodes.InvalidParameters, $"The script has more than {studio.Value.MaxScriptCharacters} characters.");
        }

        if (ScreenplayParser.Parse(script) is { Succeeded: false } parsed)
        {
            throw new UploadRefusedException(ErrorCodes.InvalidParameters, $"The script could not be parsed: {parsed.Error}");
        }

        var sidecar = await ReadSidecarAsync(blobName, cancellationToken);
        if (sidecar.WebhookUrl is { } url && await webhooks.CheckUrlAsync(url, cancellationToken) is { } badUrl)
        {
            throw new UploadRefusedException(ErrorCodes.InvalidParameters, $"Sidecar webhook_url must be {badUrl}.");
        }

        return new VideoSubmission(
            script,
            sidecar.Style ?? "anime",
            sidecar.AspectRatio ?? "9:16",
            sidecar.Title ?? Path.GetFileNameWithoutExtension(blobName),
            TargetDurationSeconds: sidecar.TargetDuration,
            WebhookUrl: sidecar.WebhookUrl);
    }

    private async Task<UploadSidecar> ReadSidecarAsync(string blobName, CancellationToken cancellationToken)
    {
        var name = blobName[..^Path.GetExtension(blobName).Length] + SidecarExtension;
        var blob = blobs.GetBlobContainerClient(options.Value.Container).GetBlobClient(name);
        BinaryData content;
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            if (properties.Value.ContentLength > options.Value.MaxSidecarBytes)
            {
                throw new UploadRefusedException(ErrorCodes.InvalidParameters, $"The options file {name} is larger than {options.Value.MaxSidecarBytes} bytes.");
            }

            content = (await blob.DownloadContentAsync(cancellationToken)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return new UploadSidecar();
        }

        UploadSidecar sidecar;
        try
        {
            sidecar = JsonSerializer.Deserialize<UploadSidecar>(content, WebhookService.BodyJson) ?? new UploadSidecar();
        }
        catch (JsonException e)
        {
            throw new UploadRefusedException(ErrorCodes.InvalidParameters, $"The options file {name} is not valid JSON ({e.Path ?? "$"}).");
        }

        if (sidecar.Style is { } style && !VideoFormat.Styles.Contains(style))
        {
            throw new UploadRefusedException(ErrorCodes.InvalidParameters, $"Sidecar style must be one of {string.Join(", ", VideoFormat.Styles)}.");
        }

        if (sidecar.AspectRatio is { } ratio && !VideoFormat.Sizes.ContainsKey(ratio))
        {
            throw new UploadRefusedException(ErrorCodes.InvalidParameters, $"Sidecar aspect_ratio must be one of {string.Join(", ", VideoFormat.Sizes.Keys)}.");
        }

        if (sidecar.TargetDuration is < 5 or > 600 || sidecar.Title is { Length: > 200 })
        {
            throw new UploadRefusedException(ErrorCodes.InvalidParameters, "Sidecar target_duration must be 5-600 seconds and title at most 200 characters.");
        }

        return sidecar;
    }

    /// <summary>Options a user may put beside a script (snake_case JSON).</summary>
    private sealed record UploadSidecar(string? Style = null, string? AspectRatio = null, string? Title = null, double? TargetDuration = null, string? WebhookUrl = null);
}
