using Serverless.Media.Rendering;

namespace Serverless.Media.Graph;

/// <summary>
/// Overlays an image watermark: scaled once to a fifth of the frame's width, made translucent once, then overlaid
/// on every frame at a corner. The mark is a single frame that overlay repeats, so it is decoded and scaled once.
/// </summary>
internal static class WatermarkFilter
{
    public static string Build(int inputIndex, Watermark watermark, FrameSize frame, string video, string output, SafeMargins? safeArea = null)
    {
        var width = FrameSize.Even(frame.Width * 0.2);
        var inset = (int)Math.Round(Math.Min(frame.Width, frame.Height) * 0.04);
        var (top, bottom, left, right) = SafeLayout.Insets(frame.Width, frame.Height, safeArea, inset);
        var (marginTop, marginBottom, marginLeft, marginRight) =
            (FilterNumber.Format(top), FilterNumber.Format(bottom), FilterNumber.Format(left), FilterNumber.Format(right));
        var opacity = FilterNumber.Format(Math.Clamp(double.IsFinite(watermark.Opacity) ? watermark.Opacity : 1, 0, 1));
        var (x, y) = watermark.Position switch
        {
            WatermarkPosition.TopLeft => (marginLeft, marginTop),
            WatermarkPosition.BottomLeft => (marginLeft, $"H-h-{marginBottom}"),
            WatermarkPosition.BottomRight => ($"W-w-{marginRight}", $"H-h-{marginBottom}"),
            _ => ($"W-w-{marginRight}", marginTop),
        };
        return $"[{inputIndex}:v]scale={width}:-2,format=rgba,colorchannelmixer=aa={opacity}[{output}_image];" +
               $"[{video}][{output}_image]overlay=x={x}:y={y}:format=auto[{output}]";
    }
}
