using SkiaSharp;

namespace Serverless.Studio.ShotImages;

/// <summary>Where and how big one character stands in the frame; the head is the figure's anchor.</summary>
internal sealed record FigurePlacement(FigureLook Look, float X, float HeadY, float HeadRadius, bool FacingAway, bool Speaking, bool Gestures = true)
{
    /// <summary>The top of the hair, for keeping bubbles clear of heads.</summary>
    public float Top => HeadY - (HeadRadius * 1.2f);

    public SKPoint Mouth => new(X, HeadY + (HeadRadius * 0.55f));
}
