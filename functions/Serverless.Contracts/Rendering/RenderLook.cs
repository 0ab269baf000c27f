namespace Serverless.Contracts.Rendering;

/// <summary>
/// A background music track under the whole video. The worker plays it at <see cref="Volume"/> (linear gain),
/// fades it in and out and, with <see cref="DuckUnderSpeech"/>, lowers it under every spoken line: music must never
/// drown speech. Without <see cref="Loop"/> a short track plays once and leaves silence after it.
/// </summary>
public sealed record RenderMusic
{
    public required BlobRef Track { get; init; }
    public double Volume { get; init; } = 0.3;
    public bool Loop { get; init; } = true;
    public double FadeInSeconds { get; init; } = 1;
    public double FadeOutSeconds { get; init; } = 2;
    public bool DuckUnderSpeech { get; init; } = true;

    public const double MaxVolume = 1;
    public const double MaxFadeSeconds = 10;
}

/// <summary>A mark over the whole video: a line of text, an image, or both, at one corner.</summary>
public sealed record RenderWatermark
{
    public string? Text { get; init; }
    public BlobRef? Image { get; init; }
    public WatermarkCorner Position { get; init; } = WatermarkCorner.TopRight;
    public double Opacity { get; init; } = 0.6;

    public const int MaxTextLength = 60;
}

public enum WatermarkCorner
{
    TopLeft,
    TopRight,
    BottomLeft,
    BottomRight,
}

/// <summary>The file the video is delivered in; both carry the same H.264 and AAC streams.</summary>
public enum VideoContainer
{
    Mp4,
    Mov,
}

/// <summary>Named looks for burned-in subtitles, sized by the worker to the frame.</summary>
public static class SubtitlePresets
{
    /// <summary>White text with a dark outline and the speaker's name: the default.</summary>
    public const string Classic = "classic";

    /// <summary>Larger text and a heavier outline, for busy pictures and small screens.</summary>
    public const string Bold = "bold";

    /// <summary>Smaller text without the speaker's name.</summary>
    public const string Minimal = "minimal";

    /// <summary>The classic look with the word being spoken highlighted (karaoke), from each cue's word timings.</summary>
    public const string Karaoke = "karaoke";

    public static readonly IReadOnlyList<string> All = [Classic, Bold, Minimal, Karaoke];
}
