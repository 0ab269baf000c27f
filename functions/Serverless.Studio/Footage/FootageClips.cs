using System.IO.Compression;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.Contracts.Footage;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Accounts;
using Serverless.Studio.Orchestrations;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Projects;
using Serverless.Studio.Storage;
using Serverless.Studio.Tasks;

namespace Serverless.Studio.Footage;

/// <summary>
/// Clips of a footage's highlights: a batch is one task (<see cref="ClipsOrchestrator"/>), each clip a billed unit, at
/// most the plan's clips per request; the highlights are named by id, or chosen by the picker from a count, a target
/// length and keywords, or given as spans the user adjusted (<see cref="ClipSpans"/>).
/// </summary>
public sealed class FootageClips(
    FootageStore footage,
    VideoTaskStore tasks,
    AssetStore blobs,
    DurableTaskClient durable,
    VideoQuota quota,
    RunningTasks running,
    FootagePlanLimits limits,
    HighlightPicker picker,
    ClipSpans spans,
    IOptions<HighlightOptions> highlightOptions,
    IOptions<FootageOptions> options,
    TimeProvider time,
    ILogger<FootageClips> logger)
{
    public const int MaxKeywords = 10;
    public const int MaxKeywordLength = 40;
    public const int MaxCardTextLength = 100;

    public async Task<Outcome<FootageTaskStarted>> RequestAsync(string userId, string footageId, ClipsRequest request, CancellationToken cancellationToken = default)
    {
        var record = await footage.FindAsync(userId, footageId, cancellationToken);
        if (record is null)
        {
            return Outcome<FootageTaskStarted>.NotFound();
        }

        if (PlatformPresets.Find(request.PlatformPreset) is not { } platform)
        {
            return Outcome<FootageTaskStarted>.Invalid("platform_preset", $"one of {string.Join(", ", PlatformPresets.Names)}");
        }

        if (VideoLook.Problem(request.SubtitleStyle, request.Watermark, format: null) is var (field, expected))
        {
            return Outcome<FootageTaskStarted>.Invalid(field, expected);
        }

        if ((CardProblem(request.IntroText, "intro_text") ?? CardProblem(request.OutroText, "outro_text")) is { } card)
        {
            return card;
        }

        if (record.Status != FootageStatus.Ready)
        {
            return Outcome<FootageTaskStarted>.Conflict($"the footage is {record.Status.ToString().ToLowerInvariant()}, not ready: clips wait for its analysis");
        }

        var allowance = await limits.ForAsync(userId, cancellationToken);
        var (chosen, highlights, problem) = request.Spans is { Count: > 0 } adjusted
            ? await spans.ChooseAsync(record, adjusted, allowance, cancellationToken)
            : request.Highlights is { Count: > 0 } ids
            ? Named(record, ids, allowance)
            : await PickAsync(record, request, allowance, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var taskId = StudioIds.NewTaskId(footageId);
        await running.ClaimThenChargeAsync(userId, taskId, ct => quota.ConsumeUnitsAsync(userId, chosen.Count, ct), cancellationToken);
        var words = record.Transcript?.Words ?? [];
        var plans = chosen.Select(h =>
        {
            var clipId = FootageIds.NewClipId();
            return new ClipPlan(clipId, h.Id, h.Start, h.End, words.Where(w => w.Start >= h.Start && w.End <= h.End).ToList(),
                FootageBlobs.Clip(options.Value.Container, userId, footageId, clipId));
        }).ToList();
        var now = time.GetUtcNow();
        await tasks.UpsertAsync(VideoTask.Queued(userId, footageId, taskId, now), cancellationToken);
        await footage.UpdateAsync(userId, footageId, f => f with
        {
            Highlights = highlights,
            Clips = [.. f.Clips, .. plans.Select(p => new FootageClip
            {
                Id = p.ClipId, HighlightId = p.HighlightId, TaskId = taskId, Start = p.Start, End = p.End, Platform = platform.Name, Status = ClipStatus.Queued,
            })],
            UpdatedAt = now,
        }, cancellationToken);
        var work = new ClipsWork(
            taskId, userId, footageId, record.Source, plans, RenderPresets.Final(platform.AspectRatio, "1080p", platform.Name), platform.LoudnessLufs,
            request.SubtitleStyle, VideoLook.Watermark(request.Watermark), request.IntroText?.Trim(), request.OutroText?.Trim());
        await durable.ScheduleNewOrchestrationInstanceAsync(nameof(ClipsOrchestrator), work, new StartOrchestrationOptions(InstanceId: taskId), cancellationToken);
        logger.LogInformation("Footage {FootageId}: {Count} clips for {Platform} started as {TaskId}", footageId, plans.Count, platform.Name, taskId);
        return Outcome<FootageTaskStarted>.Ok(new FootageTaskStarted(taskId, footageId));
    }

    /// <summary>The footage's clips, or null when the footage is not the user's.</summary>
    public async Task<IReadOnlyList<FootageClip>?> ListAsync(string userId, string footageId, CancellationToken cancellationToken = default) =>
        (await footage.FindAsync(userId, footageId, cancellationToken))?.Clips;

    /// <summary>A read link for a finished clip, named after the footage and the highlight.</summary>
    public Task<(Uri Url, DateTimeOffset ExpiresAt)> DownloadLinkAsync(FootageRecord record, FootageClip clip, CancellationToken cancellationToken = default) =>
        blobs.CreateDownloadLinkAsync(clip.Video!, DownloadName(record, clip), cancellationToken);

    /// <summary>
    /// A read link to a zip of every finished clip (stored, not compressed: MP4 does not shrink), or null when none is
    /// done. The zip is written once per set of finished clips and kept beside them, so asking again costs a link only.
    /// </summary>
    public async Task<(Uri Url, DateTimeOffset ExpiresAt, int Clips)?> ZipLinkAsync(FootageRecord record, CancellationToken cancellationToken = default)
    {
        var done = record.Clips.Where(c => c is { Status: ClipStatus.Done, Video: not null }).OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
        if (done.Count == 0)
        {
            return null;
        }

        var set = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join(',', done.Select(c => c.Id)))))[..16];
        var zipBlob = new BlobRef(options.Value.Container, $"{FootageBlobs.Folder(record.UserId, record.Id)}clips-{set}.zip");
        if (await blobs.GetPropertiesAsync(zipBlob, cancellationToken) is null)
        {
            await using var output = await blobs.OpenWriteAsync(zipBlob, "application/zip", cancellationToken);
            await using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var clip in done)
            {
                var entry = zip.CreateEntry(DownloadName(record, clip), CompressionLevel.NoCompression);
                await using var target = await entry.OpenAsync(cancellationToken);
                await using var source = await blobs.OpenReadAsync(clip.Video!, cancellationToken);
                await source.CopyToAsync(target, cancellationToken);
            }
        }

        var (url, expiresAt) = await blobs.CreateDownloadLinkAsync(zipBlob, $"{Path.GetFileNameWithoutExtension(record.FileName)}-clips.zip", cancellationToken);
        return (url, expiresAt, done.Count);
    }

    private static string DownloadName(FootageRecord record, FootageClip clip) =>
        $"{Path.GetFileNameWithoutExtension(record.FileName)}-{clip.HighlightId}-{clip.Platform}-{clip.Id}.mp4";

    private static Outcome<FootageTaskStarted>? CardProblem(string? text, string field) =>
        text is not null && (string.IsNullOrWhiteSpace(text) || text.Trim().Length > MaxCardTextLength || text.Any(char.IsControl))
            ? Outcome<FootageTaskStarted>.Invalid(field, $"1 to {MaxCardTextLength} characters on one line")
            : null;

    private static (IReadOnlyList<Highlight> Chosen, IReadOnlyList<Highlight> All, Outcome<FootageTaskStarted>? Problem) Named(
        FootageRecord record, IReadOnlyList<string> ids, FootageAllowance allowance)
    {
        var distinct = ids.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count > allowance.MaxClips)
        {
            return ([], [], Outcome<FootageTaskStarted>.Invalid("highlights", $"at most {allowance.MaxClips} highlights per request ({allowance.ClipLimit})"));
        }

        var chosen = new List<Highlight>();
        foreach (var id in distinct)
        {
            if (record.Highlights.FirstOrDefault(h => h.Id == id) is not { } highlight)
            {
                return ([], [], Outcome<FootageTaskStarted>.Invalid("highlights", $"ids of this footage's highlights; it has no '{(id.Length > 40 ? id[..40] : id)}'"));
            }

            chosen.Add(highlight);
        }

        return (chosen, record.Highlights, null);
    }

    /// <summary>
    /// The best <c>count</c> highlights already picked; with a target length or keywords, the picker runs again on the
    /// footage's analysis, and new spans join the footage's highlights under new ids.
    /// </summary>
    private async Task<(IReadOnlyList<Highlight> Chosen, IReadOnlyList<Highlight> All, Outcome<FootageTaskStarted>? Problem)> PickAsync(
        FootageRecord record, ClipsRequest request, FootageAllowance allowance, CancellationToken cancellationToken)
    {
        var o = highlightOptions.Value;
        var count = request.Count ?? Math.Min(o.DefaultCount, allowance.MaxClips);
        if (count < 1 || count > allowance.MaxClips)
        {
            return ([], [], Outcome<FootageTaskStarted>.Invalid("count", $"1 to {allowance.MaxClips} clips per request ({allowance.ClipLimit})"));
        }

        if (request.TargetSeconds is { } target && (double.IsNaN(target) || target < o.MinSeconds || target > o.MaxSeconds))
        {
            return ([], [], Outcome<FootageTaskStarted>.Invalid("target_seconds", $"between {o.MinSeconds:0.#} and {o.MaxSeconds:0.#} seconds"));
        }

        var keywords = request.Keywords ?? [];
        if (keywords.Count > MaxKeywords || keywords.Any(k => string.IsNullOrWhiteSpace(k) || k.Length > MaxKeywordLength))
        {
            return ([], [], Outcome<FootageTaskStarted>.Invalid("keywords", $"at most {MaxKeywords} words of 1 to {MaxKeywordLength} characters"));
        }

        if (request.TargetSeconds is null && keywords.Count == 0)
        {
            var best = record.Highlights.Take(count).ToList();
            return best.Count == 0
                ? ([], [], Outcome<FootageTaskStarted>.Conflict("the footage has no highlights: no stretch of whole sentences between silences fits a clip"))
                : (best, record.Highlights, null);
        }

        if (record.Analysis is not { } analysisBlob)
        {
            return ([], [], Outcome<FootageTaskStarted>.Conflict("the footage's analysis is not available"));
        }

        var analysis = await ClipSpans.LoadAsync(blobs, record.Id, analysisBlob, cancellationToken);
        var picked = picker.Pick(analysis, new HighlightRequest(count, request.TargetSeconds, keywords)).Highlights;
        if (picked.Count == 0)
        {
            return ([], [], Outcome<FootageTaskStarted>.Conflict(
                keywords.Count > 0 ? $"no span of the footage mentions {string.Join(", ", keywords)}" : "no span of the footage fits that length"));
        }

        var all = record.Highlights.ToList();
        var chosen = new List<Highlight>();
        foreach (var span in picked)
        {
            var same = all.FirstOrDefault(h => Math.Abs(h.Start - span.Start) < 0.001 && Math.Abs(h.End - span.End) < 0.001);
            if (same is null)
            {
                same = span with { Id = $"hl_{all.Count + 1}" };
                all.Add(same);
            }

            chosen.Add(same);
        }

        return (chosen, all, null);
    }
}
