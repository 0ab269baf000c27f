namespace Serverless.Contracts.Rendering;

/// <summary>
/// A sound effect placed on the video's timeline: <see cref="Sound"/> starts playing at <see cref="Start"/> seconds,
/// at <see cref="Volume"/> (linear gain), for at most <see cref="MaxDurationSeconds"/> (none: the whole file, cut at
/// the video's end). Effects are not ducked under speech; the worker limits the final mix so they never clip it.
/// </summary>
public sealed record RenderSoundEffect
{
    public required BlobRef Sound { get; init; }
    public required double Start { get; init; }
    public double Volume { get; init; } = DefaultVolume;
    public double? MaxDurationSeconds { get; init; }

    /// <summary>How many effects one job may carry; a job with more is refused.</summary>
    public const int MaxCount = 100;

    public const double DefaultVolume = 0.7;
    public const double MaxVolume = 1;

    /// <summary>The longest an effect may be asked to play.</summary>
    public const double MaxSeconds = 600;
}
