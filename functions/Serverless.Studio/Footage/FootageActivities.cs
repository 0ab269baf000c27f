using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.Contracts.Footage;
using Serverless.Studio.Jobs;
using Serverless.Studio.Providers.Usage;
using Serverless.Studio.Storage;
using Serverless.Studio.Tasks;

namespace Serverless.Studio.Footage;

/// <summary>Queues a footage job for the workers, recorded first as issued by its orchestration (so its result is accepted).</summary>
public sealed class QueueFootageJobActivity(IssuedJobs issued, IJobSender jobs, IOptions<FootageOptions> options) : TaskActivity<FootageJob, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, FootageJob job)
    {
        await issued.RecordAsync(IssuedJob.For(context.InstanceId, job));
        await jobs.SendAsync(options.Value.JobQueue, job);
        return job.JobId;
    }
}

/// <summary>
/// With a cloud speech recognizer configured, transcribes the worker's <c>audio.wav</c> and writes the analysis again
/// beside the worker's with that transcript (<c>analysis-transcribed.json</c>), which the picker reads from then on. The
/// call runs here, not on the worker: the app holds the provider, its key, its circuit and the ledger, and the worker
/// holds no credentials. Without one, or for a footage without sound, the worker's analysis goes on as it is.
/// </summary>
public sealed class TranscribeFootageActivity(AssetStore blobs, FootageTranscription transcription) : TaskActivity<PickHighlightsInput, FootageAnalysisCompleted>
{
    public const string FileName = "analysis-transcribed.json";

    public override async Task<FootageAnalysisCompleted> RunAsync(TaskActivityContext context, PickHighlightsInput input)
    {
        var analyzed = input.Analyzed;
        if (!transcription.Configured || analyzed is not { Audio: { } audio, Analysis: { } blob })
        {
            return analyzed;
        }

        var analysis = JsonSerializer.Deserialize<FootageAnalysis>(await blobs.DownloadAsync(blob), JobJson.Options)
            ?? throw new InvalidDataException($"The analysis of footage {input.FootageId} is empty.");
        var transcript = await transcription.TranscribeAsync(
            await blobs.DownloadAsync(audio), analysis, new BilledCall(input.UserId, input.FootageId, context.InstanceId, "transcription"));
        var transcribed = blob with { Path = $"{blob.Path[..(blob.Path.LastIndexOf('/') + 1)]}{FileName}" };
        await blobs.UploadAsync(transcribed, BinaryData.FromObjectAsJson(analysis with { Transcript = transcript }, JobJson.Options), "application/json");
        return analyzed with { Analysis = transcribed };
    }
}

/// <summary>
/// Reads the worker's analysis, picks the highlights, has a chat model judge them when one serves the owner (billed to
/// this task; the call stays out of the orchestrator, which is replayed) and stores them with the transcript on the
/// footage: it is ready.
/// </summary>
public sealed class PickHighlightsActivity(
    FootageStore footage, AssetStore blobs, HighlightPicker picker, HighlightJudge judge, IOptions<HighlightOptions> options, TimeProvider time)
    : TaskActivity<PickHighlightsInput, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, PickHighlightsInput input)
    {
        var analyzed = input.Analyzed;
        var blob = analyzed.Analysis ?? throw new InvalidOperationException($"The analysis of footage {input.FootageId} names no analysis file.");
        var analysis = JsonSerializer.Deserialize<FootageAnalysis>(await blobs.DownloadAsync(blob), JobJson.Options)
            ?? throw new InvalidDataException($"The analysis of footage {input.FootageId} is empty.");

        // The most any request may take: a later request for fewer takes the best of these without picking again.
        var pick = picker.Pick(analysis, new HighlightRequest(Count: options.Value.MaxCount));
        // One ledger entry per analysis task: a redelivered activity replaces it instead of billing twice.
        var judged = await judge.JudgeAsync(pick.Highlights, analysis.Transcript.Language, new BilledCall(input.UserId, input.FootageId, context.InstanceId, "highlights"));
        var note = string.Join(" ", new[] { pick.Note, judged.Note }.OfType<string>());
        var updated = await footage.UpdateAsync(input.UserId, input.FootageId, f => f with
        {
            Status = FootageStatus.Ready,
            DurationSeconds = analysis.DurationSeconds,
            Width = analysis.Width,
            Height = analysis.Height,
            Transcript = analysis.Transcript,
            Highlights = judged.Highlights,
            HighlightUnits = pick.Units,
            Note = note.Length == 0 ? null : note,
            Analysis = blob,
            Proxy = analyzed.Proxy,
            Thumbnails = analyzed.Thumbnails,
            UpdatedAt = time.GetUtcNow(),
        });
        return updated is null ? throw new InvalidOperationException($"Footage {input.FootageId} no longer exists.") : judged.Highlights.Count;
    }
}

/// <summary>Writes one clip's worker answer onto the footage record (done with its video and checks, or failed).</summary>
public sealed class RecordClipActivity(FootageStore footage) : TaskActivity<RecordClipInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RecordClipInput input)
    {
        var rendered = input.Rendered;
        var done = rendered is { Succeeded: true, Video: not null };
        var updated = await footage.UpdateAsync(input.UserId, input.FootageId, f => f with
        {
            Clips = f.Clips.Select(c => c.Id != input.ClipId ? c : c with
            {
                Status = done ? ClipStatus.Done : ClipStatus.Failed,
                Video = done ? rendered.Video : null,
                DurationSeconds = done ? rendered.DurationSeconds : null,
                SizeBytes = done ? rendered.SizeBytes : null,
                Qc = rendered.Qc,
                // The worker's reason can hold paths and tool output: the user reads a stable sentence, operators the log.
                Error = done ? null : TaskErrors.RenderFailed,
            }).ToList(),
        });
        return updated is not null && done;
    }
}

/// <summary>Marks a footage task completed or failed (and, for a failed analysis, the footage); a cancelled task stays so.</summary>
public sealed class EndFootageTaskActivity(VideoTaskStore tasks, FootageStore footage, TimeProvider time) : TaskActivity<EndFootageTaskInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, EndFootageTaskInput input)
    {
        var task = await tasks.FindAsync(input.UserId, input.TaskId)
            ?? throw new InvalidOperationException($"Task {input.TaskId} no longer exists.");
        var now = time.GetUtcNow();
        if (input.FailsFootage && input.Error is { } error)
        {
            await footage.UpdateAsync(input.UserId, input.FootageId, f => f with { Status = FootageStatus.Failed, Error = error, UpdatedAt = now });
        }

        if (task.Status == VideoTaskStatus.Cancelled)
        {
            return false;
        }

        await tasks.UpsertAsync(task with
        {
            Status = input.Error is null ? VideoTaskStatus.Completed : VideoTaskStatus.Failed,
            Error = input.Error,
            UpdatedAt = now,
            CompletedAt = now,
        });
        return true;
    }
}
