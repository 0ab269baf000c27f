using SkiaSharp;

namespace Serverless.Studio.ShotImages;

/// <summary>A run of text in one typeface, already measured by shaping.</summary>
internal sealed record LetteredRun(string Text, SKTypeface Typeface, float Width);

/// <summary>One line of lettering: runs side by side.</summary>
internal sealed record LetteredLine(IReadOnlyList<LetteredRun> Runs, float Width);

/// <summary>Text wrapped into lines at a font size, ready to draw into a bubble or caption.</summary>
internal sealed record LetteredText(IReadOnlyList<LetteredLine> Lines, float FontSize)
{
    public float LineHeight => FontSize * 1.32f;

    public float Width => Lines.Count == 0 ? 0 : Lines.Max(l => l.Width);

    public float Height => Lines.Count * LineHeight;
}
