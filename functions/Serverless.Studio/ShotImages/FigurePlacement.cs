using SkiaSharp;

namespace Serverless.Studio.ShotImages;

/// <summary>Where and how big one character stands in the frame; the head is the figure's anchor.</summary>
internal sealed record FigurePlacement(FigureLook Look, float X, float HeadY, float HeadRadius, bool FacingAway, bool Speaking, bool Gestures = true)
{
    /// <summary>Body height in head heights; null for the style's own.</summary>
    public float? HeadsPerBody { get; init; }

    /// <summary>
    /// The figure proportioned for its age, standing where the adult would: a child is about two thirds as tall with a
    /// relatively bigger head, a teen a little shorter. In a full-length shot the feet stay put, so a child next to an
    /// adult is visibly smaller; in a medium shot, cut at the waist, the head drops by at most about a head so it stays in frame.
    /// </summary>
    public FigurePlacement Aged(float styleHeadsPerBody, bool fullLength)
    {
        var (size, heads) = Look.Age switch
        {
            Characters.CharacterAge.Child => (0.85f, Math.Max(1.6f, styleHeadsPerBody - 1.8f)),
            Characters.CharacterAge.Teen => (0.95f, Math.Max(1.8f, styleHeadsPerBody - 0.5f)),
            _ => (1f, styleHeadsPerBody),
        };
        if (heads == styleHeadsPerBody && size == 1f)
        {
            return this;
        }

        var feet = HeadY - HeadRadius + (2 * HeadRadius * styleHeadsPerBody);
        var radius = HeadRadius * size;
        var headY = feet + radius - (2 * radius * heads);
        if (!fullLength)
        {
            headY = Math.Min(headY, HeadY + (HeadRadius * (Look.Age == Characters.CharacterAge.Child ? 1.6f : 0.5f)));
        }

        return this with { HeadRadius = radius, HeadY = headY, HeadsPerBody = heads };
    }

    /// <summary>The top of the hair, for keeping bubbles clear of heads.</summary>
    public float Top => HeadY - (HeadRadius * 1.2f);

    public SKPoint Mouth => new(X, HeadY + (HeadRadius * 0.55f));
}
