using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.Contracts.Footage;
using Serverless.Contracts.Rendering;
using Serverless.Media;
using Serverless.Media.Footage;
using Serverless.Media.Quality;
using Serverless.Media.Rendering;
using Serverless.Media.Subtitles;
using Serverless.Worker.Configuration;
using Serverless.Worker.Diagnostics;
using Serverless.Worker.Jobs;
using Serverless.Worker.Results;
using Serverless.Worker.Storage;

namespace Serverless.Worker.Footage;

/// <summary>
/// One clip of a footage, by the render jobs' rules: a clip whose video is already committed is only reported again;
/// the pictures pass the self-check or the clip fails with the checks; bad input fails at once, anything else is
/// retried until the delivery limit. The answer is a <see cref="RenderCompleted"/>.
/// </summary>
public sealed class ClipRenderHandler(
    IBlobStore blobs,
    ClipRenderer renderer,
    VideoSelfCheck selfCheck,
    JobResultQueue results,
    IOptions<WorkerOptions> options,
    ILogger<ClipRenderHandler> logger)
{
    /// <summary>Longest clip a job may ask for: highlights are 15-60 s, with room for a user's dragged edges.</summary>
    public const double MaxClipSeconds = 180;

    /// <summary>More words than three minutes of fast speech is not a clip's transcript.</summary>
    public const int MaxWords = 1500;

    /// <summary>An intro or outro card is a title, not a paragraph.</summary>
    public const int MaxCardLength = 120;

    public async Task<Settlement> HandleAsync(ClipRenderJob job, long deliveryCount, CancellationToken cancellationToken)
    {
        using var activity = WorkerTelemetry.Source.StartActivity("clip render");
        activity?.SetTag("job.id", job.JobId);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = job.JobId, ["ClipId"] = job.ClipId, ["DeliveryCount"] = deliveryCount });
        var work = JobFiles.WorkFolder(options.Value.ResolvedTempRoot, job.JobId);
        try
        {
            if (await blobs.GetAsync(job.Destination, cancellationToken) is { } existing)
            {
                logger.LogInformation("Clip {Destination} already exists; reporting it without rendering again", job.Destination);
                var qc = await RenderJobHandler.ReadQcAsync(blobs, logger, job.Destination, work, cancellationToken);
                await ReportAsync(job, RenderJobHandler.FromExisting(job.JobId, job.Destination, existing) with { Qc = qc }, cancellationToken);
                return Settlement.Complete;
            }

            await ReportAsync(job, await RenderAndUploadAsync(job, work, cancellationToken), cancellationToken);
            return Settlement.Complete;
        }
        catch (SelfCheckFailedException exception)
        {
            logger.LogWarning("Clip {ClipId} failed its self-check: {Reason}", job.ClipId, exception.Message);
            await ReportAsync(job, Failed(job, exception.Message) with { Qc = exception.Checks }, cancellationToken);
            return Settlement.DeadLetter(exception.Message);
        }
        catch (InvalidRenderJobException exception)
        {
            logger.LogWarning(exception, "Clip {ClipId} cannot be rendered: {Reason}", job.ClipId, exception.Message);
            await ReportAsync(job, Failed(job, exception.Message), cancellationToken);
            return Settlement.DeadLetter(exception.Message);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            return await Settlement.RetryOrGiveUpAsync(
                "Clip render", job.JobId, exception, deliveryCount, options.Value.MaxDeliveries, logger, reason => ReportAsync(job, Failed(job, reason), cancellationToken));
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private async Task<RenderCompleted> RenderAndUploadAsync(ClipRenderJob job, string work, CancellationToken cancellationToken)
    {
        var request = await RequestAsync(job, work, cancellationToken);
        var clip = await renderer.RenderAsync(request, cancellationToken);
        logger.LogInformation("Rendered clip {ClipId} ({Duration:F1} s, framing {Framing}) in {Elapsed:F1} s",
            job.ClipId, clip.Result.DurationSeconds, clip.Framing.Kind, clip.Result.Elapsed.TotalSeconds);
        var qc = RenderJobHandler.Qc(await selfCheck.CheckAsync(clip.AsRender, clip.Result, cancellationToken), logger);

        // The video goes last: once it exists, its thumbnail and checks exist too.
        var thumbnail = JobFiles.Sibling(job.Destination, ".jpg");
        await blobs.UploadAsync(thumbnail, clip.Result.ThumbnailPath, "image/jpeg", new Dictionary<string, string>(), cancellationToken);
        await RenderJobHandler.UploadQcAsync(blobs, job.Destination, qc, work, cancellationToken);
        var metadata = new Dictionary<string, string>
        {
            [RenderJobHandler.DurationMetadata] = clip.Result.DurationSeconds.ToString("R", CultureInfo.InvariantCulture),
            [RenderJobHandler.RenderSecondsMetadata] = clip.Result.Elapsed.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture),
            [RenderJobHandler.JobIdMetadata] = Uri.EscapeDataString(job.JobId),
        };
        await blobs.UploadAsync(job.Destination, clip.Result.VideoPath, "video/mp4", metadata, cancellationToken);
        return new RenderCompleted
        {
            JobId = job.JobId,
            Succeeded = true,
            Video = job.Destination,
            Thumbnail = thumbnail,
            DurationSeconds = clip.Result.DurationSeconds,
            SizeBytes = new FileInfo(clip.Result.VideoPath).Length,
            RenderSeconds = clip.Result.Elapsed.TotalSeconds,
            Qc = qc,
        };
    }

    /// <summary>The job checked and its blobs downloaded, as the renderer's request.</summary>
    private async Task<ClipRequest> RequestAsync(ClipRenderJob job, string work, CancellationToken cancellationToken)
    {
        if (!double.IsFinite(job.Start) || !double.IsFinite(job.End) || job.Start < 0 || job.End - job.Start < 1 || job.End - job.Start > MaxClipSeconds)
        {
            throw new InvalidRenderJobException(FormattableString.Invariant(
                $"The clip {job.Start}-{job.End} s must start at 0 s or later and last 1 to {MaxClipSeconds} s."));
        }

        if (!double.IsFinite(job.LoudnessTarget) || job.LoudnessTarget is < -40 or > -5)
        {
            throw new InvalidRenderJobException($"The loudness target {job.LoudnessTarget} LUFS is outside -40 to -5.");
        }

        if (job.Words.Count > MaxWords)
        {
            throw new InvalidRenderJobException($"The clip carries {job.Words.Count} words; at most {MaxWords} are captioned.");
        }

        CheckCard(job.IntroText, "intro");
        CheckCard(job.OutroText, "outro");
        Directory.CreateDirectory(work);
        var source = Path.Combine(work, "footage.mp4");
        await blobs.DownloadToFileAsync(job.Source, source, cancellationToken);
        string? markImage = null;
        if (job.Watermark?.Image is { } image)
        {
            markImage = JobFiles.Local(work, "watermark", 0, image, image: true);
            await blobs.DownloadToFileAsync(image, markImage, cancellationToken);
        }

        var output = RenderRequestMapping.Output(job.Output);
        return new ClipRequest(source, job.Start, job.End, output with { Loudness = output.Loudness! with { Lufs = job.LoudnessTarget } }, Path.Combine(work, "clip"))
        {
            Words = job.Words,
            SubtitleStyle = SubtitleStyle.For(job.Output.Width, job.Output.Height, RenderRequestMapping.Look(job.SubtitleStyle)),
            Watermark = RenderRequestMapping.Mark(job.Watermark, markImage),
            IntroText = job.IntroText,
            OutroText = job.OutroText,
        };
    }

    private static void CheckCard(string? text, string which)
    {
        if (text is { Length: > MaxCardLength })
        {
            throw new InvalidRenderJobException($"The {which} text is longer than {MaxCardLength} characters.");
        }
    }

    private static RenderCompleted Failed(ClipRenderJob job, string error) => new() { JobId = job.JobId, Succeeded = false, Error = error };

    private async Task ReportAsync(ClipRenderJob job, RenderCompleted completed, CancellationToken cancellationToken)
    {
        if (!await results.SendUnlessEndedAsync(JobResult.Completed(job.OrchestrationInstanceId, completed), cancellationToken))
        {
            logger.LogInformation("The orchestration of clip job {JobId} has ended; nothing to report", job.JobId);
        }
    }
}
