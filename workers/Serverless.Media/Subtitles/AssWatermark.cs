namespace Serverless.Media.Subtitles;

/// <summary>A text watermark in the ASS file; <see cref="Alignment"/> is ASS's numpad position (7 top left, 9 top right, 1, 3).</summary>
public sealed record AssWatermark(string Text, int Alignment, double Opacity, double DurationSeconds, Rendering.SafeMargins? SafeArea = null);
