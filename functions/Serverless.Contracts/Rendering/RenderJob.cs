using Serverless.Captions;
namespace Serverless.Contracts.Rendering;

/// <summary>
/// Everything the worker needs to turn a storyboard into a video. Blob paths are relative to the
/// account's containers (<see cref="BlobRef"/>); user text reaches ffmpeg only through files.
/// </summary>
public sealed record RenderJob
{
    public required string JobId { get; init; }
    public required string UserId { get; init; }
    public required string ProjectId { get; init; }

    /// <summary>The orchestration waiting for <see cref="RenderCompleted"/>; the worker reports to it on <see cref="Queues.RenderResults"/>.</summary>
    public required string OrchestrationInstanceId { get; init; }

    public required RenderOutput Output { get; init; }
    public required IReadOnlyList<RenderShot> Shots { get; init; }
    public IReadOnlyList<RenderVoice> Voices { get; init; } = [];
    public IReadOnlyList<SubtitleCue> Subtitles { get; init; } = [];

    /// <summary>A name from <see cref="SubtitlePresets"/>; none, the classic look.</summary>
    public string? SubtitleStyle { get; init; }

    public RenderMusic? Music { get; init; }

    /// <summary>Effects at their shots' offsets, at most <see cref="RenderSoundEffect.MaxCount"/>.</summary>
    public IReadOnlyList<RenderSoundEffect> SoundEffects { get; init; } = [];

    public RenderWatermark? Watermark { get; init; }
    public VideoContainer Format { get; init; } = VideoContainer.Mp4;

    /// <summary>Where the finished video goes (its extension matches <see cref="Format"/>); written under a temporary name first.</summary>
    public required BlobRef Destination { get; init; }

    /// <summary>Set on a segment job of a long render (<see cref="RenderSegments"/>): its pictures only, no sound, no self-check.</summary>
    public RenderSegment? Segment { get; init; }

    /// <summary>Set on the join job of a long render: the segments' videos, in order, joined under the sound of the whole timeline.</summary>
    public IReadOnlyList<RenderSegment>? JoinSegments { get; init; }
}

public sealed record BlobRef(string Container, string Path)
{
    public override string ToString() => $"{Container}/{Path}";
}

public sealed record RenderOutput
{
    public required int Width { get; init; }
    public required int Height { get; init; }
    public int FramesPerSecond { get; init; } = 30;

    /// <summary>x264 preset; "veryfast" for final renders, "ultrafast" for previews.</summary>
    public string Preset { get; init; } = "veryfast";
    public int Crf { get; init; } = 23;
    public int AudioBitrateKbps { get; init; } = 128;

    /// <summary>A quick check render: the worker levels its sound in one pass instead of two.</summary>
    public bool Preview { get; init; }

    /// <summary>The <see cref="PlatformPresets"/> name the output was sized for; null for a bare aspect ratio or custom size.</summary>
    public string? Platform { get; init; }

    /// <summary>VBV ceiling (x264 <c>-maxrate</c>/<c>-bufsize</c>); null, CRF alone.</summary>
    public int? MaxRateKbps { get; init; }
    public int? BufSizeKbits { get; init; }

    /// <summary>Integrated loudness (EBU R128) the final mix is brought to, within 0.5 LU.</summary>
    public double LoudnessLufs { get; init; } = PlatformPresets.DefaultLoudnessLufs;

    /// <summary>True-peak ceiling of the mix.</summary>
    public double TruePeakDbtp { get; init; } = PlatformPresets.DefaultTruePeakDbtp;

    /// <summary>The platform's longest video; a longer storyboard is refused before it is rendered.</summary>
    public double? MaxDurationSeconds { get; init; }

    /// <summary>Where subtitles and the watermark go: clear of the platform's own interface. Null, a title-safe border.</summary>
    public SafeArea? SafeArea { get; init; }
}

public sealed record RenderShot
{
    public required BlobRef Image { get; init; }

    /// <summary>Seconds this shot is on screen, not counting the overlap of its incoming transition.</summary>
    public required double Duration { get; init; }
    public CameraMotion Motion { get; init; } = CameraMotion.ZoomIn;

    /// <summary>How this shot enters from the previous one (ignored for the first shot).</summary>
    public TransitionKind TransitionIn { get; init; } = TransitionKind.Cut;
    public double TransitionDuration { get; init; } = 0.5;
}

public enum CameraMotion
{
    Still,
    ZoomIn,
    ZoomOut,
    PanLeft,
    PanRight,
}

public enum TransitionKind
{
    Cut,
    Fade,
    Dissolve,
    Wipe,
}

/// <summary>
/// A voice clip placed on the timeline at <see cref="Start"/> seconds, playing <see cref="Duration"/> seconds of the
/// clip from <see cref="ClipOffset"/> (the worker skips leading silence it detects this way).
/// </summary>
public sealed record RenderVoice(BlobRef Audio, double Start, double Duration, double ClipOffset = 0);

/// <summary>
/// A subtitle shown from <see cref="Start"/> to <see cref="End"/> seconds on the final timeline. <see cref="Words"/>: when each
/// word (or group of Hanzi) is spoken, as the speech reported it; null when the speech did not, and the worker times them
/// from the voiced regions it finds in the cue's voice.
/// </summary>
public sealed record SubtitleCue(double Start, double End, string Text, string? Speaker = null, IReadOnlyList<CueWord>? Words = null);

