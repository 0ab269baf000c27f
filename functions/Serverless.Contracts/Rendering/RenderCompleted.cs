namespace Serverless.Contracts.Rendering;

/// <summary>The worker's answer to a <see cref="RenderJob"/>, raised as the orchestration's external event.</summary>
public sealed record RenderCompleted
{
    public const string EventName = "RenderCompleted";

    public required string JobId { get; init; }
    public required bool Succeeded { get; init; }
    public BlobRef? Video { get; init; }
    public BlobRef? Thumbnail { get; init; }
    public double DurationSeconds { get; init; }
    public long SizeBytes { get; init; }
    public double RenderSeconds { get; init; }
    public string? Error { get; init; }

    /// <summary>
    /// The worker's self-check of the finished video, by check name (<see cref="QualityChecks"/>): each measured figure
    /// and whether it passed. Null when the render did not get that far.
    /// </summary>
    public IReadOnlyDictionary<string, QualityCheck>? Qc { get; init; }
}

/// <summary>One check of the finished video: the figure measured, whether it is acceptable, and whether the worker fixed it.</summary>
public sealed record QualityCheck(double? Value, bool Passed, string? Detail = null, bool Fixed = false);

/// <summary>The names of the checks on <see cref="RenderCompleted.Qc"/>.</summary>
public static class QualityChecks
{
    /// <summary>Seconds of video, against the planned length (within one frame).</summary>
    public const string Duration = "duration";

    /// <summary>Seconds between the audio's and the video's first timestamp.</summary>
    public const string AvOffset = "av_offset";

    /// <summary>Seconds of black picture the storyboard did not ask for.</summary>
    public const string BlackFrames = "black_frames";

    /// <summary>Seconds of frozen picture the storyboard did not ask for.</summary>
    public const string FrozenFrames = "frozen_frames";

    /// <summary>Integrated loudness in LUFS, against the preset's target (within 0.5 LU).</summary>
    public const string Loudness = "loudness";

    /// <summary>True peak in dBTP, at or under the preset's ceiling.</summary>
    public const string TruePeak = "true_peak";

    /// <summary>Sample peak in dBFS: at full scale, the audio clipped.</summary>
    public const string Clipping = "clipping";

    /// <summary>Pixels between the lowest subtitle line and the safe area's edge (negative: inside the covered margin).</summary>
    public const string SubtitlesInSafeArea = "subtitles_in_safe_area";
}
