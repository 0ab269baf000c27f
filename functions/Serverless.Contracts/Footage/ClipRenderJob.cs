using Serverless.Captions;
using Serverless.Contracts.Rendering;

namespace Serverless.Contracts.Footage;

/// <summary>
/// Render one clip of a footage: [<see cref="Start"/>, <see cref="End"/>] seconds of <see cref="Source"/>, reframed to
/// <see cref="Output"/>'s size, captioned from <see cref="Words"/>, levelled to <see cref="LoudnessTarget"/>. Answered with
/// a <see cref="RenderCompleted"/>.
/// </summary>
public sealed record ClipRenderJob
{
    public required string JobId { get; init; }
    public required string UserId { get; init; }
    public required string FootageId { get; init; }
    public required string ClipId { get; init; }
    public required string OrchestrationInstanceId { get; init; }
    public required BlobRef Source { get; init; }
    public required double Start { get; init; }
    public required double End { get; init; }
    public required RenderOutput Output { get; init; }

    /// <summary>Words at absolute source seconds; the worker shifts them onto the clip's timeline.</summary>
    public IReadOnlyList<CueWord> Words { get; init; } = [];

    /// <summary>A name from <see cref="SubtitlePresets"/>; none, the classic look.</summary>
    public string? SubtitleStyle { get; init; }
    public RenderWatermark? Watermark { get; init; }

    /// <summary>A title card before the clip; null, none.</summary>
    public string? IntroText { get; init; }

    /// <summary>A closing card after the clip; null, none.</summary>
    public string? OutroText { get; init; }

    /// <summary>Integrated loudness (LUFS) the clip is brought to: the preset's.</summary>
    public required double LoudnessTarget { get; init; }
    public required BlobRef Destination { get; init; }
}
