namespace Serverless.Media.Rendering;

/// <summary>A still on screen for <see cref="Duration"/> seconds under a camera move, entering from the shot before it.</summary>
public sealed record ShotClip
{
    /// <summary>The local image file.</summary>
    public required string Image { get; init; }

    /// <summary>Seconds this shot is on screen, not counting the overlap of its incoming transition.</summary>
    public required double Duration { get; init; }
    public CameraMotion Motion { get; init; } = CameraMotion.ZoomIn;

    /// <summary>How this shot enters from the previous one (ignored for the first shot).</summary>
    public TransitionKind TransitionIn { get; init; } = TransitionKind.Cut;
    public double TransitionDuration { get; init; } = 0.5;

    /// <summary>What the caller calls the image (a blob name), so a refusal names the input it was given; null: <see cref="Image"/>.</summary>
    public string? Source { get; init; }
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
