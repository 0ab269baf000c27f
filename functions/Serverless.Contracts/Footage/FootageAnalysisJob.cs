using Serverless.Contracts.Rendering;

namespace Serverless.Contracts.Footage;

/// <summary>
/// Analyse an uploaded footage: probe it, refuse what breaks <see cref="Limits"/> with a <see cref="FootageErrorCodes"/> code,
/// then write audio.wav, analysis.json (<see cref="FootageAnalysis"/>), thumbnails and a proxy under <see cref="OutputFolder"/>.
/// </summary>
public sealed record FootageAnalysisJob
{
    public required string JobId { get; init; }
    public required string UserId { get; init; }
    public required string FootageId { get; init; }
    public required string OrchestrationInstanceId { get; init; }
    public required BlobRef Source { get; init; }

    /// <summary>A folder (path prefix without the trailing slash) the worker writes its outputs under.</summary>
    public required BlobRef OutputFolder { get; init; }
    public required FootageLimits Limits { get; init; }

    /// <summary>A BCP 47 language ("en", "zh"); null, English is tried.</summary>
    public string? LanguageHint { get; init; }
}

/// <summary>The plan's limits on one footage.</summary>
public sealed record FootageLimits(double MaxDurationSeconds, long MaxSizeBytes);

/// <summary>Stable codes of a refused footage, for the error envelope and the failed task.</summary>
public static class FootageErrorCodes
{
    public const string NotVideo = "footage_not_video";
    public const string NoAudio = "footage_no_audio";
    public const string TooLong = "footage_too_long";
    public const string TooLarge = "footage_too_large";
}

/// <summary>The names of what the worker writes under <see cref="FootageAnalysisJob.OutputFolder"/>.</summary>
public static class FootageOutputs
{
    public const string Audio = "audio.wav";
    public const string Analysis = "analysis.json";
    public const string Proxy = "proxy.mp4";

    public static string Thumbnail(int index) => $"thumb-{index:D2}.jpg";
}
