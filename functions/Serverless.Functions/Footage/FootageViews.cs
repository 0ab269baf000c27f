using Serverless.Captions;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Footage;
using Serverless.Studio.Tasks;

namespace Serverless.Functions.Footage;

/// <summary>
/// A footage as <c>GET /api/v1/footage/{id}</c> shows it; times in seconds of the footage. <see cref="Proxy"/> and
/// <see cref="Thumbnails"/> are short-lived read links once the analysis made them, each thumbnail with the time it shows.
/// </summary>
public sealed record FootageView(
    string FootageId,
    string Status,
    string FileName,
    long? SizeBytes,
    double? Duration,
    int Width,
    int Height,
    string? Language,
    TranscriptView? Transcript,
    IReadOnlyList<HighlightView> Highlights,
    string? HighlightUnits,
    string? Note,
    string? TaskId,
    TaskError? Error,
    DateTimeOffset CreatedAt,
    ReadLink? Proxy,
    IReadOnlyList<ThumbnailLink> Thumbnails)
{
    public static FootageView Of(FootageRecord footage, FootagePreview preview) => new(
        footage.Id,
        footage.Status.ToString().ToLowerInvariant(),
        footage.FileName,
        footage.SizeBytes ?? footage.DeclaredSizeBytes,
        footage.DurationSeconds,
        footage.Width,
        footage.Height,
        footage.Transcript?.Language ?? footage.LanguageHint,
        footage.Transcript is { } t ? new TranscriptView(t.Source, t.Language, string.Join(' ', t.Words.Select(w => w.Text)), t.Words, t.Note) : null,
        footage.Highlights.Select(HighlightView.Of).ToList(),
        footage.HighlightUnits,
        footage.Note,
        footage.TaskId,
        footage.Error is { } error ? TaskErrors.ForUser(error).Shown : null,
        footage.CreatedAt,
        preview.Proxy,
        preview.Thumbnails);
}

/// <summary>A footage as <c>GET /api/v1/footage</c> lists it: what it is and how far it got.</summary>
public sealed record FootageSummary(string FootageId, string Status, string FileName, double? Duration, int Highlights, int Clips, DateTimeOffset CreatedAt)
{
    public static FootageSummary Of(FootageRecord f) =>
        new(f.Id, f.Status.ToString().ToLowerInvariant(), f.FileName, f.DurationSeconds, f.Highlights.Count, f.Clips.Count, f.CreatedAt);
}

/// <summary>What was said: the whole text and each word at its footage time; <see cref="Source"/> says who heard it.</summary>
public sealed record TranscriptView(string Source, string Language, string Text, IReadOnlyList<CueWord> Words, string? Note);

/// <summary>A highlight; <see cref="ScoredBy"/> <c>llm</c> when a chat model judged it too (then with title, hook and selling point).</summary>
public sealed record HighlightView(
    string Id, double Start, double End, double Score, string Reason, string Text, string? Title, string? Hook, string? SellingPoint, string ScoredBy)
{
    public static HighlightView Of(Highlight h) =>
        new(h.Id, Math.Round(h.Start, 3), Math.Round(h.End, 3), h.Score, h.Reason, h.Text, h.Title, h.Hook, h.SellingPoint, h.ScoredBy);
}

/// <summary>A footage's clips and where the zip of all finished ones is.</summary>
public sealed record ClipList(IReadOnlyList<ClipView> Clips, int Done, string ZipUrl);

/// <summary>One clip; <see cref="DownloadUrl"/> is a short-lived read link once it is done.</summary>
public sealed record ClipView(
    string Id,
    string HighlightId,
    string TaskId,
    string Status,
    double Start,
    double End,
    string Platform,
    double? Duration,
    long? SizeBytes,
    Uri? DownloadUrl,
    DateTimeOffset? ExpiresAt,
    IReadOnlyDictionary<string, QualityCheck>? Qc,
    string? Error);

/// <summary>A short-lived read link to a zip of the footage's finished clips.</summary>
public sealed record ClipsZip(Uri DownloadUrl, DateTimeOffset ExpiresAt, int Clips);

/// <summary>The 202 of a footage task: follow it at <see cref="StatusUrl"/>.</summary>
public sealed record FootageTaskView(string TaskId, string FootageId, string StatusUrl);
