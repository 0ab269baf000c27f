namespace Serverless.Media.Rendering;

/// <summary>Where a watermark sits; it keeps a margin from the frame's edges.</summary>
public enum WatermarkPosition
{
    TopLeft,
    TopRight,
    BottomLeft,
    BottomRight,
}

/// <summary>
/// A mark over the whole video: an image (a local file, scaled to a fifth of the frame's width) or a line of text
/// (drawn by libass from the subtitle file, so it never enters a filter string), or both.
/// </summary>
public sealed record Watermark(
    string? Text = null,
    string? ImagePath = null,
    WatermarkPosition Position = WatermarkPosition.TopRight,
    double Opacity = 0.6);
