using Serverless.Media.Subtitles;

namespace Serverless.Media.Rendering;

/// <summary>
/// A render as the renderer sees it: every input is a local file, in the order of the job it came from, and
/// everything is written under <see cref="WorkDirectory"/>. <see cref="SubtitleStyle"/> null: the classic look for the
/// frame. The worker maps its queued job onto this; the media layer knows nothing of jobs, blobs or queues.
/// </summary>
public sealed record RenderRequest(
    VideoOutput Output,
    IReadOnlyList<ShotClip> Shots,
    IReadOnlyList<VoiceClip> Voices,
    string WorkDirectory,
    MusicBed? Music = null,
    Watermark? Watermark = null,
    SubtitleStyle? SubtitleStyle = null,
    IReadOnlyList<SoundEffectClip>? SoundEffects = null)
{
    /// <summary>Burned in and written as SRT/WebVTT sidecars, on the final timeline.</summary>
    public IReadOnlyList<SubtitleCue> Subtitles { get; init; } = [];

    /// <summary>
    /// A finished sound track (the levelled mix) the video run maps as it is, instead of mixing voices, music and effects
    /// itself; set by the renderer, not by callers.
    /// </summary>
    public string? SoundTrack { get; init; }
}
