using Serverless.Contracts.Rendering;

namespace Serverless.Media.Rendering;

/// <summary>
/// A job whose inputs are already local files, in the job's order; everything is written under <see cref="WorkDirectory"/>.
/// <see cref="SubtitleStyle"/> null: the classic look for the frame. <see cref="SoundEffects"/> are the local copies of
/// the job's effects, in its order.
/// </summary>
public sealed record RenderRequest(
    RenderJob Job,
    IReadOnlyList<string> ShotImages,
    IReadOnlyList<string> VoiceClips,
    string WorkDirectory,
    MusicBed? Music = null,
    Watermark? Watermark = null,
    Subtitles.SubtitleStyle? SubtitleStyle = null,
    IReadOnlyList<SoundEffectClip>? SoundEffects = null);
