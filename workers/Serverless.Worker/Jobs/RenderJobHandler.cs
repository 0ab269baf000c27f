using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Serverless.Contracts.Rendering;
using Serverless.Media;
using Serverless.Media.Quality;
using Serverless.Media.Rendering;
using Serverless.Contracts;
using Serverless.Worker.Configuration;
using Serverless.Worker.Diagnostics;
using Serverless.Worker.Progress;
using Serverless.Worker.Results;
using Serverless.Worker.Speech;
using Serverless.Worker.Storage;

namespace Serverless.Worker.Jobs;

/// <summary>
/// One render job, from blobs in to a reported result: download the inputs, render, upload, tell the
/// orchestration. Delivery is at least once, so a job whose video is already committed is only reported again.
/// Bad input is reported as a failure straight away; anything else is retried until the delivery limit.
/// </summary>
public sealed class RenderJobHandler(
    IBlobStore blobs,
    IVideoRenderer renderer,
    SegmentJoiner joiner,
    VideoSelfCheck selfCheck,
    JobResultQueue results,
    EndedOrchestrations ended,
    VoiceAlignment alignment,
    JobLook look,
    TimeProvider time,
    IOptions<WorkerOptions> options,
    ILogger<RenderJobHandler> logger)
{
    public const string DurationMetadata = "duration_seconds";
    public const string RenderSecondsMetadata = "render_seconds";
    public const string JobIdMetadata = "job_id";
    private const int DownloadParallelism = 4;
    private const string QcExtension = ".qc.json";

    public async Task<Settlement> HandleAsync(RenderJob job, long deliveryCount, CancellationToken cancellationToken)
    {
        using var activity = WorkerTelemetry.Source.StartActivity("render job");
        activity?.SetTag("job.id", job.JobId);
        activity?.SetTag("job.delivery_count", deliveryCount);
        activity?.SetTag("orchestration.instance_id", job.OrchestrationInstanceId);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = job.JobId, ["DeliveryCount"] = deliveryCount });

        var work = JobFiles.WorkFolder(options.Value.ResolvedTempRoot, job.JobId);
        try
        {
            var existing = await blobs.GetAsync(job.Destination, cancellationToken);
            if (existing is not null)
            {
                logger.LogInformation("Video {Destination} already exists; reporting it without rendering again", job.Destination);
                activity?.SetTag("job.outcome", "already_rendered");
                await ReportAsync(job, FromExisting(job.JobId, job.Destination, existing) with { Qc = await ReadQcAsync(blobs, logger, job.Destination, work, cancellationToken) }, cancellationToken);
                WorkerTelemetry.JobsCompleted.Add(1, new KeyValuePair<string, object?>("outcome", "already_rendered"));
                return Settlement.Complete;
            }

            var completed = await RenderAndUploadAsync(job, work, cancellationToken);
            await ReportAsync(job, completed, cancellationToken);
            activity?.SetTag("job.outcome", "succeeded");
            WorkerTelemetry.JobsCompleted.Add(1, new KeyValuePair<string, object?>("outcome", "succeeded"));
            return Settlement.Complete;
        }
        catch (OrchestrationEndedException)
        {
            logger.LogInformation("Render job {JobId} stopped: its orchestration has ended (the video was cancelled or its project deleted)", job.JobId);
            activity?.SetTag("job.outcome", "orchestration_ended");
            WorkerTelemetry.JobsCompleted.Add(1, new KeyValuePair<string, object?>("outcome", "orchestration_ended"));
            return Settlement.Complete;
        }
        catch (SelfCheckFailedException exception)
        {
            // The same job would render the same faults again: reported with the checks, not retried.
            logger.LogWarning("Render job {JobId} failed its self-check: {Reason}", job.JobId, exception.Message);
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            await ReportAsync(job, Failed(job, exception.Message) with { Qc = exception.Checks }, cancellationToken);
            WorkerTelemetry.JobsCompleted.Add(1, new KeyValuePair<string, object?>("outcome", "self_check_failed"));
            return Settlement.DeadLetter(exception.Message);
        }
        catch (InvalidRenderJobException exception)
        {
            logger.LogWarning(exception, "Render job {JobId} cannot be rendered: {Reason}", job.JobId, exception.Message);
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            await ReportAsync(job, Failed(job, exception.Message), cancellationToken);
            WorkerTelemetry.JobsCompleted.Add(1, new KeyValuePair<string, object?>("outcome", "invalid"));
            return Settlement.DeadLetter(exception.Message);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            if (deliveryCount < options.Value.MaxDeliveries)
            {
                logger.LogWarning(exception, "Render job {JobId} failed on delivery {DeliveryCount}; it will be retried", job.JobId, deliveryCount);
                return Settlement.Retry;
            }

            logger.LogError(exception, "Render job {JobId} failed on delivery {DeliveryCount}, the last allowed; reporting failure", job.JobId, deliveryCount);
            var reason = $"Render failed after {deliveryCount} attempts: {exception.Message}";
            await ReportAsync(job, Failed(job, reason), cancellationToken);
            WorkerTelemetry.JobsCompleted.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
            return Settlement.DeadLetter(reason);
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>Renders and uploads; stops with <see cref="OrchestrationEndedException"/> once a progress tick finds the job's ended marker.</summary>
    private async Task<RenderCompleted> RenderAndUploadAsync(RenderJob job, string work, CancellationToken cancellationToken)
    {
        var progress = new JobProgress(job, results, ended, options.Value.ProgressInterval, options.Value.EndedCheckInterval, time, logger);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, progress.OrchestrationEnded);
        try
        {
            return await RenderAndUploadAsync(job, work, progress, stop.Token);
        }
        catch (OperationCanceledException) when (progress.OrchestrationEnded.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new OrchestrationEndedException(job.JobId);
        }
    }

    private async Task<RenderCompleted> RenderAndUploadAsync(RenderJob job, string work, JobProgress progress, CancellationToken cancellationToken)
    {
        RenderRequestMapping.CheckSoundEffects(job);
        Directory.CreateDirectory(work);
        progress.Step(JobProgress.Downloading);
        var shots = job.Shots.Select((s, i) => (s.Image, Path: JobFiles.Local(work, "shot", i, s.Image, image: true))).ToList();
        var segments = (job.JoinSegments ?? [])
            .Select(s => (Blob: s.Video, Path: Path.Combine(work, $"part{s.Index}.mp4"), s.FirstShot, s.ShotCount)).ToList();
        var voices = job.Voices.Select((v, i) => (Blob: v.Audio, Path: JobFiles.Local(work, "voice", i, v.Audio, image: false))).ToList();
        var extras = new List<(BlobRef Blob, string Path)>();
        string? music = null, watermarkImage = null;
        if (job.Music is { } bed)
        {
            music = JobFiles.Local(work, "music", 0, bed.Track, image: false);
            extras.Add((bed.Track, music));
        }

        if (job.Watermark?.Image is { } markImage)
        {
            watermarkImage = JobFiles.Local(work, "watermark", 0, markImage, image: true);
            extras.Add((markImage, watermarkImage));
        }

        var effects = job.SoundEffects.Select((e, i) => (Blob: e.Sound, Path: JobFiles.Local(work, "sfx", i, e.Sound, image: false))).ToList();
        // A join reads its pictures from the segments, not from the stills.
        var pictures = segments.Count > 0 ? segments.Select(s => (s.Blob, s.Path)) : shots;
        await DownloadAsync(pictures.Concat(voices).Concat(extras).Concat(effects).ToList(), cancellationToken);
        if (music is not null && job.Music is { Loop: false })
        {
            music = await look.PlayOnceAsync(music, JobLook.MaxDurationSeconds(job), work, cancellationToken);
        }

        progress.Step(JobProgress.DetectingSpeech);
        var request = RenderRequestMapping.Request(
            job, shots.Select(s => s.Path).ToList(), voices.Select(v => v.Path).ToList(), work, music, watermarkImage, effects.Select(e => e.Path).ToList());
        request = await alignment.AlignAsync(request, cancellationToken);
        progress.Step(JobProgress.Encoding);

        logger.LogInformation("Rendering job {JobId}: {Shots} shots, {Voices} voices, {Effects} sound effects, {Cues} subtitles at {Width}x{Height} as {Format}; music {HasMusic}, watermark {HasWatermark}",
            job.JobId, request.Shots.Count, request.Voices.Count, job.SoundEffects.Count, request.Subtitles.Count, request.Output.Width, request.Output.Height, job.Format, request.Music is not null, request.Watermark is not null);
        var log = new RenderProgressLog(logger);
        var result = segments.Count > 0
            ? await joiner.JoinAsync(request, segments.Select(s => new SegmentFile(s.Path, s.FirstShot, s.ShotCount)).ToList(), cancellationToken)
            : await renderer.RenderAsync(request, new Progress<RenderProgress>(p => { log.Report(p); progress.Report(p); }), cancellationToken);
        WorkerTelemetry.RenderSeconds.Record(result.Elapsed.TotalSeconds);
        logger.LogInformation("Rendered {Duration:F2} s of video in {Elapsed:F1} s", result.DurationSeconds, result.Elapsed.TotalSeconds);
        if (job.Segment is not null)
        {
            // A segment's pictures are checked with the whole video by the join job, which alone has its sound.
            await progress.FlushAsync();
            return await UploadVideoAsync(job, result, result.VideoPath, null, null, cancellationToken);
        }

        // Nothing is delivered unchecked: a fault fails the render with the checks; a loudness miss was fixed in place.
        var report = await selfCheck.CheckAsync(request, result, cancellationToken);
        var qc = Qc(report, logger);

        var videoPath = job.Format == VideoContainer.Mov ? await look.ToMovAsync(result.VideoPath, work, cancellationToken) : result.VideoPath;
        progress.Step(JobProgress.Uploading);
        await progress.FlushAsync();

        // The video goes last: once it exists, its thumbnail and captions exist too.
        var thumbnail = JobFiles.Sibling(job.Destination, ".jpg");
        var none = new Dictionary<string, string>();
        await blobs.UploadAsync(thumbnail, result.ThumbnailPath, "image/jpeg", none, cancellationToken);
        if (result.SrtPath is not null)
        {
            await blobs.UploadAsync(JobFiles.Sibling(job.Destination, ".srt"), result.SrtPath, "application/x-subrip", none, cancellationToken);
        }

        if (result.VttPath is not null)
        {
            await blobs.UploadAsync(JobFiles.Sibling(job.Destination, ".vtt"), result.VttPath, "text/vtt", none, cancellationToken);
        }

        await UploadQcAsync(blobs, job.Destination, qc, work, cancellationToken);

        var completed = await UploadVideoAsync(job, result, videoPath, thumbnail, qc, cancellationToken);
        await RemoveSegmentsAsync(job, cancellationToken);
        return completed;
    }

    private async Task<RenderCompleted> UploadVideoAsync(
        RenderJob job, RenderResult result, string videoPath, BlobRef? thumbnail, IReadOnlyDictionary<string, QualityCheck>? qc, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string>
        {
            [DurationMetadata] = result.DurationSeconds.ToString("R", CultureInfo.InvariantCulture),
            [RenderSecondsMetadata] = result.Elapsed.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture),
            [JobIdMetadata] = Uri.EscapeDataString(job.JobId),
        };
        await blobs.UploadAsync(job.Destination, videoPath, JobLook.ContentType(job.Format), metadata, cancellationToken);

        return new RenderCompleted
        {
            JobId = job.JobId,
            Succeeded = true,
            Video = job.Destination,
            Thumbnail = thumbnail,
            DurationSeconds = result.DurationSeconds,
            SizeBytes = new FileInfo(videoPath).Length,
            RenderSeconds = result.Elapsed.TotalSeconds,
            Qc = qc,
        };
    }

    /// <summary>The joined video is committed: its segments are no longer needed (a redelivered join finds the video and reports it).</summary>
    private async Task RemoveSegmentsAsync(RenderJob job, CancellationToken cancellationToken)
    {
        foreach (var segment in job.JoinSegments ?? [])
        {
            await blobs.DeleteAsync(segment.Video, cancellationToken);
        }
    }

    /// <summary>Sends the result, unless the orchestration has ended: then the job is acknowledged and nothing is sent.</summary>
    private async Task ReportAsync(RenderJob job, RenderCompleted completed, CancellationToken cancellationToken)
    {
        if (await ended.HasEndedAsync(job.OrchestrationInstanceId, job.JobId, cancellationToken))
        {
            logger.LogInformation("The orchestration of job {JobId} has ended (its video was cancelled or its project deleted); nothing to report", job.JobId);
            return;
        }

        await results.SendAsync(JobResult.Completed(job.OrchestrationInstanceId, completed), cancellationToken);
    }

    /// <summary>Each distinct blob is fetched once, however many shots reuse it.</summary>
    private async Task DownloadAsync(IReadOnlyList<(BlobRef Blob, string Path)> files, CancellationToken cancellationToken)
    {
        var firstCopy = new Dictionary<BlobRef, string>();
        var copies = new List<(string From, string To)>();
        var downloads = new List<(BlobRef Blob, string Path)>();
        foreach (var (blob, path) in files)
        {
            if (firstCopy.TryGetValue(blob, out var first))
            {
                copies.Add((first, path));
            }
            else
            {
                firstCopy[blob] = path;
                downloads.Add((blob, path));
            }
        }

        await Parallel.ForEachAsync(
            downloads,
            new ParallelOptions { MaxDegreeOfParallelism = DownloadParallelism, CancellationToken = cancellationToken },
            async (file, ct) => await blobs.DownloadToFileAsync(file.Blob, file.Path, ct));
        foreach (var (from, to) in copies)
        {
            File.Copy(from, to, overwrite: true);
        }

        logger.LogInformation("Downloaded {Count} input blobs", downloads.Count);
    }

    /// <summary>The self-check's figures as the contract carries them; a failed check stops the job with all of them.</summary>
    internal static IReadOnlyDictionary<string, QualityCheck> Qc(SelfCheckReport report, ILogger logger)
    {
        var qc = report.Checks.ToDictionary(c => c.Key, c => new QualityCheck(c.Value.Value, c.Value.Passed, c.Value.Detail, c.Value.Fixed));
        logger.LogInformation("Self-check: {Checks}", string.Join(", ", report.Checks.Select(c => $"{c.Key} {c.Value.Value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-"} {(c.Value.Passed ? "ok" : "FAILED")}{(c.Value.Fixed ? " (fixed)" : "")}")));
        if (!report.Passed)
        {
            throw new SelfCheckFailedException($"The finished video failed its self-check: {report.Failures}", qc);
        }

        return qc;
    }

    /// <summary>The checks travel with the video, so a redelivery reports them again with it.</summary>
    internal static async Task UploadQcAsync(IBlobStore blobs, BlobRef video, IReadOnlyDictionary<string, QualityCheck> qc, string work, CancellationToken cancellationToken)
    {
        var qcFile = Path.Combine(work, "qc.json");
        await File.WriteAllTextAsync(qcFile, JsonSerializer.Serialize(qc, JobJson.Options), cancellationToken);
        await blobs.UploadAsync(JobFiles.Sibling(video, QcExtension), qcFile, "application/json", new Dictionary<string, string>(), cancellationToken);
    }

    /// <summary>The self-check stored beside an existing video; null when it is missing or unreadable (an older render).</summary>
    internal static async Task<IReadOnlyDictionary<string, QualityCheck>?> ReadQcAsync(IBlobStore blobs, ILogger logger, BlobRef video, string work, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(work);
            var file = Path.Combine(work, "qc.json");
            await blobs.DownloadToFileAsync(JobFiles.Sibling(video, QcExtension), file, cancellationToken);
            return JsonSerializer.Deserialize<Dictionary<string, QualityCheck>>(await File.ReadAllTextAsync(file, cancellationToken), JobJson.Options);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogInformation("No self-check stored beside {Destination}: {Reason}", video, exception.Message);
            return null;
        }
    }

    internal static RenderCompleted FromExisting(string jobId, BlobRef destination, StoredBlob video) => new()
    {
        JobId = jobId,
        Succeeded = true,
        Video = destination,
        Thumbnail = JobFiles.Sibling(destination, ".jpg"),
        SizeBytes = video.SizeBytes,
        DurationSeconds = ReadNumber(video, DurationMetadata),
        RenderSeconds = ReadNumber(video, RenderSecondsMetadata),
    };

    private static double ReadNumber(StoredBlob blob, string key) =>
        blob.Metadata.TryGetValue(key, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static RenderCompleted Failed(RenderJob job, string error) => new()
    {
        JobId = job.JobId,
        Succeeded = false,
        Error = error,
    };
}
