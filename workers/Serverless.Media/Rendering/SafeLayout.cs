using Serverless.Media.Subtitles;

namespace Serverless.Media.Rendering;

/// <summary>Pixel insets of a frame's safe area: where subtitles and the watermark may go, clear of the platform's interface.</summary>
public static class SafeLayout
{
    /// <summary>Each edge's inset: the safe area's margin, or <paramref name="least"/> where that is larger.</summary>
    public static (int Top, int Bottom, int Left, int Right) Insets(int width, int height, SafeMargins? safeArea, int least = 0) =>
        safeArea is null
            ? (least, least, least, least)
            : (Math.Max(least, Px(height, safeArea.Top)), Math.Max(least, Px(height, safeArea.Bottom)),
               Math.Max(least, Px(width, safeArea.Left)), Math.Max(least, Px(width, safeArea.Right)));

    /// <summary>
    /// The style with its bottom margin above the covered strip and its side margins clear of the wider covered side
    /// (centred lines wrap symmetrically, so both sides take the larger margin).
    /// </summary>
    public static SubtitleStyle Inside(SubtitleStyle style, int width, int height, SafeMargins? safeArea)
    {
        if (safeArea is null)
        {
            return style;
        }

        var (_, bottom, left, right) = Insets(width, height, safeArea);
        return style with
        {
            MarginVertical = Math.Max(style.MarginVertical, bottom),
            MarginHorizontal = Math.Max(style.MarginHorizontal, Math.Max(left, right)),
        };
    }

    private static int Px(int size, double fraction) =>
        double.IsFinite(fraction) ? (int)Math.Ceiling(size * Math.Clamp(fraction, 0, 0.45)) : 0;
}
