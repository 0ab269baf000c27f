using Serverless.Contracts.Rendering;

namespace Serverless.Media.Rendering;

/// <summary>
/// A job whose inputs are already local files, in the job's order; everything is written under <see cref="WorkDirectory"/>.
/// <see cref="Music"/> and <see cref="Watermark"/> are optional until <see cref="RenderJob"/> carries them.
/// </summary>
public sealed record RenderRequest(
    RenderJob Job,
    IReadOnlyList<string> ShotImages,
    IReadOnlyList<string> VoiceClips,
    string WorkDirectory,
    MusicBed? Music = null,
    Watermark? Watermark = null);
