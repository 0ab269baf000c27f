namespace Serverless.Contracts.Rendering;

/// <summary>
/// What a camera move hides of a still. The worker scales each still by <see cref="Headroom"/> and shows a
/// frame-sized window of it that zooms or slides; whatever lies outside the band every window shares is off screen
/// part of the time, so the frame renderer keeps its lettering (balloons, captions, the scene tag) inside that band.
/// </summary>
public static class CameraFraming
{
    /// <summary>How much larger than the frame a still is scaled for zoom and pan.</summary>
    public const double Headroom = 1.2;

    /// <summary>Fractions of the still's width and height, on each side, that the move hides at some moment.</summary>
    public static (double Horizontal, double Vertical) HiddenEdges(CameraMotion motion)
    {
        // At full zoom the window is 1/Headroom of the still: centred it hides a margin on each side; sliding
        // from one edge to the other it hides twice that on each side at one end of the move.
        var centred = (1 - (1 / Headroom)) / 2;
        return motion switch
        {
            CameraMotion.ZoomIn or CameraMotion.ZoomOut => (centred, centred),
            CameraMotion.PanLeft or CameraMotion.PanRight => (2 * centred, centred),
            _ => (0, 0),
        };
    }
}
