using Serverless.Studio.Pipeline;

namespace Serverless.Studio.Footage;

/// <summary><c>POST /api/v1/footage</c>: the file about to be uploaded, and the language spoken in it when known.</summary>
public sealed record FootageUploadRequest(string? FileName, long? SizeBytes, string? Language = null);

/// <summary>
/// Where to upload: <see cref="UploadUrl"/> takes one <c>PUT</c> with <see cref="Headers"/> for a small file, or
/// Put Block / Put Block List (blocks of at most <see cref="BlockSizeBytes"/> suggested) for a large one; it may also
/// list the uncommitted blocks, so an interrupted upload resumes where it stopped.
/// </summary>
public sealed record FootageUpload(
    string FootageId, Uri UploadUrl, DateTimeOffset ExpiresAt, string Method, IReadOnlyDictionary<string, string> Headers, long BlockSizeBytes, long MaxSizeBytes);

/// <summary>
/// <c>POST /api/v1/footage/{id}/clips</c>: the highlights to render (ids from <c>GET /api/v1/footage/{id}</c>), or
/// <see cref="Count"/>, <see cref="TargetSeconds"/> and <see cref="Keywords"/> for the picker to choose them, or
/// <see cref="Spans"/> the user adjusted.
/// </summary>
public sealed record ClipsRequest(
    IReadOnlyList<string>? Highlights = null,
    int? Count = null,
    double? TargetSeconds = null,
    IReadOnlyList<string>? Keywords = null,
    string? PlatformPreset = null,
    string? SubtitleStyle = null,
    WatermarkSettings? Watermark = null,
    string? IntroText = null,
    string? OutroText = null,
    IReadOnlyList<ClipSpan>? Spans = null);

/// <summary>A span the user adjusted (footage seconds), from a highlight's or drawn anew; its edges are moved into silences.</summary>
public sealed record ClipSpan(double? Start, double? End, string? HighlightId = null);

/// <summary>A footage task that started: follow it at <c>GET /api/v1/tasks/{id}</c>.</summary>
public sealed record FootageTaskStarted(string TaskId, string FootageId);
