using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.Contracts.Footage;
using Serverless.Contracts.Rendering;
using Serverless.Media;
using Serverless.Media.Footage;
using Serverless.Media.Speech;
using Serverless.Worker.Configuration;
using Serverless.Worker.Diagnostics;
using Serverless.Worker.Jobs;
using Serverless.Worker.Results;
using Serverless.Worker.Speech;
using Serverless.Worker.Storage;

namespace Serverless.Worker.Footage;

/// <summary>
/// One footage analysis, from the uploaded blob to a reported <see cref="FootageAnalysisCompleted"/>: download,
/// analyse (<see cref="FootageAnalyzer"/>), upload the speech track, proxy and thumbnails, then analysis.json last, so
/// a redelivered job that finds analysis.json only reports it again. A refused footage is reported with its code and
/// not retried.
/// </summary>
public sealed class FootageAnalysisHandler(
    IBlobStore blobs,
    FootageAnalyzer analyzer,
    VadModel vadModel,
    MediaOptions media,
    JobResultQueue results,
    IOptions<WorkerOptions> options,
    ILogger<FootageAnalysisHandler> logger)
{
    private static readonly Dictionary<string, string> NoMetadata = [];

    public async Task<Settlement> HandleAsync(FootageAnalysisJob job, long deliveryCount, CancellationToken cancellationToken)
    {
        using var activity = WorkerTelemetry.Source.StartActivity("footage analysis");
        activity?.SetTag("job.id", job.JobId);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = job.JobId, ["FootageId"] = job.FootageId, ["DeliveryCount"] = deliveryCount });
        var work = JobFiles.WorkFolder(options.Value.ResolvedTempRoot, job.JobId);
        try
        {
            var analysisBlob = Output(job, FootageOutputs.Analysis);
            if (await blobs.GetAsync(analysisBlob, cancellationToken) is not null)
            {
                logger.LogInformation("Analysis {Blob} already exists; reporting it without analysing again", analysisBlob);
                Directory.CreateDirectory(work);
                var file = Path.Combine(work, FootageOutputs.Analysis);
                await blobs.DownloadToFileAsync(analysisBlob, file, cancellationToken);
                var stored = JsonSerializer.Deserialize<FootageAnalysis>(await File.ReadAllTextAsync(file, cancellationToken), JobJson.Options)
                    ?? throw new InvalidDataException($"{analysisBlob} is empty.");
                await ReportAsync(job, Completed(job, stored), cancellationToken);
                return Settlement.Complete;
            }

            var completed = await AnalyzeAndUploadAsync(job, work, cancellationToken);
            await ReportAsync(job, completed, cancellationToken);
            return Settlement.Complete;
        }
        catch (FootageRefusedException exception)
        {
            var code = Code(exception.Problem);
            logger.LogWarning("Footage {FootageId} refused ({Code}): {Reason}", job.FootageId, code, exception.Message);
            activity?.SetStatus(ActivityStatusCode.Error, code);
            await ReportAsync(job, Failed(job, exception.Message, code), cancellationToken);
            return Settlement.DeadLetter($"{code}: {exception.Message}");
        }
        catch (InvalidRenderJobException exception)
        {
            logger.LogWarning(exception, "Footage analysis {JobId} cannot run: {Reason}", job.JobId, exception.Message);
            await ReportAsync(job, Failed(job, exception.Message, null), cancellationToken);
            return Settlement.DeadLetter(exception.Message);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            return await Settlement.RetryOrGiveUpAsync(
                "Footage analysis", job.JobId, exception, deliveryCount, options.Value.MaxDeliveries, logger, reason => ReportAsync(job, Failed(job, reason, null), cancellationToken));
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private async Task<FootageAnalysisCompleted> AnalyzeAndUploadAsync(FootageAnalysisJob job, string work, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(work);
        var started = Stopwatch.StartNew();
        var source = Path.Combine(work, "footage" + SafeExtension(job.Source.Path));
        await blobs.DownloadToFileAsync(job.Source, source, cancellationToken);
        using var vad = new SileroVad(await vadModel.OpenAsync(cancellationToken), media);
        var report = await analyzer.AnalyzeAsync(
            new FootageSource(source, job.Limits.MaxDurationSeconds, job.Limits.MaxSizeBytes, job.LanguageHint), vad, Path.Combine(work, "out"), cancellationToken);
        logger.LogInformation("Analysed {Duration:F1} s of footage in {Elapsed:F1} s: {Words} words, {Speech} speech regions, {Scenes} scene changes",
            report.DurationSeconds, started.Elapsed.TotalSeconds, report.Words.Count, report.Speech.Count, report.SceneChanges.Count);

        await blobs.UploadAsync(Output(job, FootageOutputs.Audio), report.AudioPath, "audio/wav", NoMetadata, cancellationToken);
        await blobs.UploadAsync(Output(job, FootageOutputs.Proxy), report.ProxyPath, "video/mp4", NoMetadata, cancellationToken);
        for (var i = 0; i < report.ThumbnailPaths.Count; i++)
        {
            await blobs.UploadAsync(Output(job, FootageOutputs.Thumbnail(i)), report.ThumbnailPaths[i], "image/jpeg", NoMetadata, cancellationToken);
        }

        var analysis = Analysis(report);
        var json = Path.Combine(work, FootageOutputs.Analysis);
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(analysis, JobJson.Options), cancellationToken);
        await blobs.UploadAsync(Output(job, FootageOutputs.Analysis), json, "application/json", NoMetadata, cancellationToken);
        return Completed(job, analysis);
    }

    public static FootageAnalysis Analysis(FootageReport report) => new()
    {
        DurationSeconds = report.DurationSeconds,
        Width = report.Width,
        Height = report.Height,
        Transcript = new FootageTranscript
        {
            Source = report.Recognizer is null ? TranscriptSources.None : TranscriptSources.Pocketsphinx,
            Language = report.Language,
            Words = report.Words,
            Note = report.TranscriptNote,
        },
        SpeechRegions = report.Speech.Select(s => new SpeechSpan(Math.Round(s.Start, 3), Math.Round(s.End, 3))).ToList(),
        SceneChanges = report.SceneChanges,
        LoudnessPerSecond = report.LoudnessPerSecond,
        SpeechEnergyPerSecond = report.SpeechEnergyPerSecond,
        MotionPerSecond = report.MotionPerSecond,
    };

    public static string Code(FootageProblem problem) => problem switch
    {
        FootageProblem.NotVideo => FootageErrorCodes.NotVideo,
        FootageProblem.NoAudio => FootageErrorCodes.NoAudio,
        FootageProblem.TooLong => FootageErrorCodes.TooLong,
        _ => FootageErrorCodes.TooLarge,
    };

    private static BlobRef Output(FootageAnalysisJob job, string name) => job.OutputFolder with { Path = $"{job.OutputFolder.Path.TrimEnd('/')}/{name}" };

    /// <summary>The upload's extension when it is a plain one (ffprobe reads by content anyway); nothing else of the user's name.</summary>
    private static string SafeExtension(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension.Length is > 1 and <= 6 && extension.Skip(1).All(char.IsAsciiLetterOrDigit) ? extension : "";
    }

    private static FootageAnalysisCompleted Completed(FootageAnalysisJob job, FootageAnalysis analysis) => new()
    {
        JobId = job.JobId,
        Succeeded = true,
        DurationSeconds = analysis.DurationSeconds,
        HasAudio = true,
        Width = analysis.Width,
        Height = analysis.Height,
        Analysis = Output(job, FootageOutputs.Analysis),
        Audio = Output(job, FootageOutputs.Audio),
        Proxy = Output(job, FootageOutputs.Proxy),
        Thumbnails = Enumerable.Range(0, FootageAnalyzer.ThumbnailCount).Select(i => Output(job, FootageOutputs.Thumbnail(i))).ToList(),
    };

    private static FootageAnalysisCompleted Failed(FootageAnalysisJob job, string error, string? code) => new()
    {
        JobId = job.JobId,
        Succeeded = false,
        ErrorCode = code,
        Error = error,
        // Only a footage refused for its length was probed and found to have sound.
        HasAudio = code == FootageErrorCodes.TooLong,
    };

    private async Task ReportAsync(FootageAnalysisJob job, FootageAnalysisCompleted completed, CancellationToken cancellationToken)
    {
        if (!await results.SendUnlessEndedAsync(JobResult.Completed(job.OrchestrationInstanceId, completed), cancellationToken))
        {
            logger.LogInformation("The orchestration of footage job {JobId} has ended; nothing to report", job.JobId);
        }
    }
}
