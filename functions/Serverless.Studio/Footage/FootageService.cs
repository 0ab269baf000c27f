using Azure;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Contracts.Footage;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Accounts;
using Serverless.Studio.Assets;
using Serverless.Studio.Orchestrations;
using Serverless.Studio.Projects;
using Serverless.Studio.Storage;
using Serverless.Studio.Tasks;

namespace Serverless.Studio.Footage;

/// <summary>
/// Uploaded footage: a write link for the file, a check of what arrived, then the analysis as a task
/// (<see cref="FootageOrchestrator"/>). Every read and write names the owner; another user's footage is not found.
/// </summary>
public sealed class FootageService(
    FootageStore footage,
    VideoTaskStore tasks,
    AssetStore blobs,
    DurableTaskClient durable,
    VideoQuota quota,
    RunningTasks running,
    FootagePlanLimits limits,
    IOptions<FootageOptions> options,
    TimeProvider time,
    ILogger<FootageService> logger)
{
    /// <summary>Blocks the upload link suggests: 8 MiB, so a 2 GB file is 256 blocks and a lost one costs seconds.</summary>
    public const long BlockSizeBytes = 8L * 1024 * 1024;

    public static readonly IReadOnlyList<string> Extensions = [".mp4", ".mov", ".m4v", ".mkv", ".webm", ".avi", ".ts"];
    public static readonly IReadOnlyList<string> Languages = ["en", "zh"];

    /// <summary>How long after its link expired a footage never completed is kept: a day to finish a resumed upload.</summary>
    public static readonly TimeSpan UnfinishedUploadGrace = TimeSpan.FromHours(24);

    public async Task<Outcome<FootageUpload>> BeginUploadAsync(string userId, FootageUploadRequest request, CancellationToken cancellationToken = default)
    {
        var (fileName, allowed, refusal) = await CheckAsync(userId, request, cancellationToken);
        if (refusal is { } invalid)
        {
            return Outcome<FootageUpload>.Invalid(invalid.Field, invalid.Reason);
        }

        var size = request.SizeBytes!.Value;
        var id = FootageIds.NewFootageId();
        var source = FootageBlobs.Source(options.Value.Container, userId, id, fileName!);
        await footage.CreateAsync(Awaiting(id, userId, fileName!, size, source, request.Language), cancellationToken);
        await ScheduleSweepAsync(userId, id, cancellationToken);
        var (url, expiresAt) = await blobs.CreateUploadLinkAsync(source, options.Value.UploadLinkLifetime, cancellationToken, readable: true);
        var headers = new Dictionary<string, string> { ["x-ms-blob-type"] = "BlockBlob" };
        logger.LogInformation("Footage {FootageId} of {UserId}: upload of {Size} bytes begun", id, userId, size);
        return Outcome<FootageUpload>.Ok(new FootageUpload(id, url, expiresAt, "PUT", headers, BlockSizeBytes, allowed.MaxSizeBytes));
    }

    /// <summary>
    /// A file dropped into the incoming footage container: checked as an upload request is, copied as it was at
    /// <paramref name="version"/> into the footage's own source blob (so a later drop under the same name, a new
    /// footage, cannot change this one's file), recorded under <paramref name="footageId"/> and completed into the
    /// analysis <paramref name="taskId"/>. Done again with the same ids (after a crash), it starts nothing new.
    /// </summary>
    public async Task<Outcome<FootageTaskStarted>> AdoptAsync(
        string userId, string footageId, string taskId, BlobRef dropped, ETag version, long sizeBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dropped);
        var (fileName, _, refusal) = await CheckAsync(userId, new FootageUploadRequest(Path.GetFileName(dropped.Path), sizeBytes), cancellationToken);
        if (refusal is { } invalid)
        {
            return Outcome<FootageTaskStarted>.Invalid(invalid.Field, invalid.Reason);
        }

        if (await footage.FindAsync(userId, footageId, cancellationToken) is { } earlier)
        {
            if (earlier.TaskId == taskId)
            {
                return Outcome<FootageTaskStarted>.Ok(new FootageTaskStarted(taskId, footageId));
            }
        }
        else
        {
            var source = FootageBlobs.Source(options.Value.Container, userId, footageId, fileName!);
            await blobs.CopyAsync(dropped, version, source, cancellationToken);
            await footage.CreateAsync(Awaiting(footageId, userId, fileName!, sizeBytes, source, language: null), cancellationToken);
            await ScheduleSweepAsync(userId, footageId, cancellationToken);
        }

        return await CompleteAsync(userId, footageId, taskId, cancellationToken);
    }

    /// <summary>
    /// Checks the uploaded file (there, the declared size, within the plan) and starts its analysis. A file of another
    /// size than declared is deleted, so what a link wrote beyond its declaration is never kept.
    /// </summary>
    public Task<Outcome<FootageTaskStarted>> CompleteAsync(string userId, string footageId, CancellationToken cancellationToken = default) =>
        FootageIds.IsFootageId(footageId)
            ? CompleteAsync(userId, footageId, StudioIds.NewTaskId(footageId), cancellationToken)
            : Task.FromResult(Outcome<FootageTaskStarted>.NotFound());

    private async Task<Outcome<FootageTaskStarted>> CompleteAsync(string userId, string footageId, string taskId, CancellationToken cancellationToken)
    {
        var record = await footage.FindAsync(userId, footageId, cancellationToken);
        if (record is null)
        {
            return Outcome<FootageTaskStarted>.NotFound();
        }

        if (record.Status != FootageStatus.Uploading)
        {
            return Outcome<FootageTaskStarted>.Conflict($"the footage was completed already (status {record.Status.ToString().ToLowerInvariant()})");
        }

        var properties = await blobs.GetPropertiesAsync(record.Source, cancellationToken);
        if (properties is null)
        {
            return Outcome<FootageTaskStarted>.Conflict("the file has not been uploaded yet (or its block list was not committed)");
        }

        var allowed = await limits.ForAsync(userId, cancellationToken);
        if (properties.ContentLength != record.DeclaredSizeBytes || properties.ContentLength > allowed.MaxSizeBytes)
        {
            await blobs.DeleteAsync(record.Source, cancellationToken);
            logger.LogWarning("Footage {FootageId} refused: {Actual} bytes, {Declared} declared", footageId, properties.ContentLength, record.DeclaredSizeBytes);
            return Outcome<FootageTaskStarted>.Invalid(
                "size_bytes",
                $"the uploaded file has {properties.ContentLength} bytes, not the {record.DeclaredSizeBytes} declared (at most {allowed.MaxSizeBytes}, {allowed.SizeLimit}); it was removed");
        }

        // The footage moves on once, under its ETag: of two completions at once, one starts the analysis, the other is a conflict.
        var now = time.GetUtcNow();
        var won = false;
        await footage.UpdateAsync(userId, footageId, f =>
        {
            won = f.Status == FootageStatus.Uploading;
            return won ? f with { Status = FootageStatus.Analyzing, SizeBytes = properties.ContentLength, TaskId = taskId, UpdatedAt = now } : f;
        }, cancellationToken);
        if (!won)
        {
            return Outcome<FootageTaskStarted>.Conflict("the footage was completed already");
        }

        // One billed unit per analysis: a worker decodes the whole file and the recognizer hears all of it.
        try
        {
            await running.ClaimThenChargeAsync(userId, taskId, ct => quota.ConsumeUnitsAsync(userId, 1, ct), cancellationToken);
        }
        catch (Exception e) when (e is QuotaExceededException or TooManyRunningTasksException)
        {
            // Refused: the upload stays complete-able once the user has room again.
            await footage.UpdateAsync(userId, footageId, f => f with { Status = FootageStatus.Uploading, TaskId = record.TaskId }, CancellationToken.None);
            throw;
        }

        await tasks.UpsertAsync(VideoTask.Queued(userId, footageId, taskId, now), cancellationToken);
        var work = new FootageAnalysisWork(
            taskId, userId, footageId, record.Source, FootageBlobs.Analysis(options.Value.Container, userId, footageId),
            new FootageLimits(allowed.MaxSeconds, allowed.MaxSizeBytes), record.LanguageHint);
        await durable.ScheduleNewOrchestrationInstanceAsync(
            nameof(FootageOrchestrator), work, new StartOrchestrationOptions(InstanceId: taskId), cancellationToken);
        logger.LogInformation("Footage {FootageId}: analysis {TaskId} started", footageId, taskId);
        return Outcome<FootageTaskStarted>.Ok(new FootageTaskStarted(taskId, footageId));
    }

    /// <summary>
    /// Removes the footage's file and record when it is still uploading <see cref="UnfinishedUploadGrace"/> after its
    /// link expired; answers how many files were removed (a completed or younger footage is left alone).
    /// </summary>
    public async Task<int> SweepUnfinishedUploadAsync(string userId, string footageId, CancellationToken cancellationToken = default)
    {
        // The record goes first, under the ETag it was judged by: a completion that came in between keeps the footage and its file.
        var now = time.GetUtcNow();
        var record = await footage.DeleteWhileAsync(
            userId, footageId, f => f.Status == FootageStatus.Uploading && now >= f.CreatedAt + UnfinishedUploadAge, cancellationToken);
        if (record is null)
        {
            return 0;
        }

        await blobs.DeleteAsync(record.Source, cancellationToken);
        logger.LogInformation("Footage {FootageId} of {UserId} never completed; swept", footageId, userId);
        return 1;
    }

    private TimeSpan UnfinishedUploadAge => options.Value.UploadLinkLifetime + UnfinishedUploadGrace;

    /// <summary>The footage's own sweep, scheduled once, as its record is created.</summary>
    private async Task ScheduleSweepAsync(string userId, string footageId, CancellationToken cancellationToken)
    {
        var sweep = new OutputSweep(userId, footageId, FootageId: footageId, After: UnfinishedUploadAge);
        await durable.ScheduleNewOrchestrationInstanceAsync(
            nameof(OutputSweepOrchestrator), sweep, new StartOrchestrationOptions(InstanceId: sweep.InstanceId()), cancellationToken);
    }

    /// <summary>A footage waiting for its completion: the file is, or is about to be, at <paramref name="source"/>.</summary>
    private FootageRecord Awaiting(string footageId, string userId, string fileName, long size, BlobRef source, string? language)
    {
        var now = time.GetUtcNow();
        return new FootageRecord
        {
            Id = footageId,
            UserId = userId,
            FileName = fileName,
            DeclaredSizeBytes = size,
            Source = source,
            Status = FootageStatus.Uploading,
            LanguageHint = language,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>The clean file name and the plan's allowance, or the field at fault and why.</summary>
    private async Task<(string? FileName, FootageAllowance Allowed, (string Field, string Reason)? Refusal)> CheckAsync(
        string userId, FootageUploadRequest request, CancellationToken cancellationToken)
    {
        var allowed = await limits.ForAsync(userId, cancellationToken);
        if (UploadFileNames.Clean(request.FileName) is not { } fileName)
        {
            return (null, allowed, ("file_name", UploadFileNames.Expected));
        }

        if (!Extensions.Contains(Path.GetExtension(fileName).ToLowerInvariant()))
        {
            return (null, allowed, ("file_name", $"a video file ending in one of {string.Join(", ", Extensions)}"));
        }

        if (request.SizeBytes is not { } size || size <= 0 || size > allowed.MaxSizeBytes)
        {
            return (null, allowed, ("size_bytes", $"between 1 and {allowed.MaxSizeBytes} bytes ({allowed.SizeLimit})"));
        }

        if (request.Language is { } language && !Languages.Contains(language))
        {
            return (null, allowed, ("language", $"one of {string.Join(", ", Languages)}"));
        }

        return (fileName, allowed, null);
    }

    public Task<FootageRecord?> FindAsync(string userId, string footageId, CancellationToken cancellationToken = default) =>
        footage.FindAsync(userId, footageId, cancellationToken);
}
