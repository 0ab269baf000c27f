using Serverless.Captions;
using Serverless.Media.Rendering;
using Serverless.Media.Subtitles;

namespace Serverless.Media.Footage;

/// <summary>
/// One clip of a local footage: [<see cref="Start"/>, <see cref="End"/>] seconds of <see cref="Source"/> at
/// <see cref="Output"/>'s size (its <see cref="VideoOutput.Loudness"/> is the target), captioned from
/// <see cref="Words"/> (footage seconds), written under <see cref="WorkDirectory"/>.
/// </summary>
public sealed record ClipRequest(string Source, double Start, double End, VideoOutput Output, string WorkDirectory)
{
    public IReadOnlyList<CueWord> Words { get; init; } = [];
    public SubtitleStyle? SubtitleStyle { get; init; }
    public Watermark? Watermark { get; init; }
    public string? IntroText { get; init; }
    public string? OutroText { get; init; }
}

/// <summary>
/// A rendered clip: the files, the framing chosen, and the same clip as a <see cref="RenderRequest"/> (a card, the
/// footage, a card) so <see cref="Quality.VideoSelfCheck"/> checks it as it checks every final.
/// </summary>
public sealed record ClipResult(RenderResult Result, RenderRequest AsRender, ClipFraming Framing);
