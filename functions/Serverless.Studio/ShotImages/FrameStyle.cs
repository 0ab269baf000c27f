using SkiaSharp;

namespace Serverless.Studio.ShotImages;

/// <summary>
/// The drawing conventions of one visual style: line weight, how colors are treated, figure proportions and the
/// finishing touches (halftone for comic, ink on paper for chinese, big heads for chibi).
/// </summary>
internal sealed record FrameStyle(
    string Name,
    float OutlineWidth,        // in frame units (1/100 of the short side)
    float Saturation,          // multiplier on HSV saturation
    float Lighten,             // 0..1 blend toward white (pastel) or paper
    float HeadsPerBody,        // figure height in head heights
    float EyeScale,
    SKColor Ink,               // outline color
    SKColor PanelBorder,
    SKColor Gutter,
    SKColor BubbleFill,
    SKColor CaptionFill,
    bool Halftone,
    bool InkOnPaper,
    bool Blush,
    bool SerifText)
{
    public static readonly FrameStyle Anime = new(
        "anime", 0.35f, 1.05f, 0.0f, 5.6f, 1.15f, new SKColor(0x3A, 0x2E, 0x3F), new SKColor(0x22, 0x22, 0x2A), SKColors.White,
        SKColors.White, new SKColor(0xFF, 0xFF, 0xFF, 0xE8), Halftone: false, InkOnPaper: false, Blush: true, SerifText: false);

    public static readonly FrameStyle Comic = new(
        "comic", 0.8f, 1.35f, 0.0f, 6.2f, 0.8f, SKColors.Black, SKColors.Black, SKColors.White,
        SKColors.White, new SKColor(0xFF, 0xE9, 0x6B), Halftone: true, InkOnPaper: false, Blush: false, SerifText: false);

    public static readonly FrameStyle Chinese = new(
        "chinese", 0.55f, 0.22f, 0.12f, 6.6f, 0.75f, new SKColor(0x1C, 0x18, 0x16), new SKColor(0x2A, 0x22, 0x1C), new SKColor(0xEF, 0xE4, 0xCC),
        new SKColor(0xF8, 0xF1, 0xE0), new SKColor(0xF3, 0xE8, 0xCF, 0xEE), Halftone: false, InkOnPaper: true, Blush: false, SerifText: true);

    public static readonly FrameStyle Chibi = new(
        "chibi", 0.5f, 0.85f, 0.28f, 2.4f, 1.7f, new SKColor(0x5B, 0x3F, 0x4F), new SKColor(0xF2, 0x9C, 0xB8), new SKColor(0xFF, 0xF4, 0xF8),
        SKColors.White, new SKColor(0xFF, 0xF0, 0xF6, 0xF0), Halftone: false, InkOnPaper: false, Blush: true, SerifText: false);

    /// <summary>The style named by a request; unknown names draw as anime.</summary>
    public static FrameStyle Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "comic" or "manga" or "漫画" => Comic,
        "chinese" or "ink" or "国风" or "水墨" => Chinese,
        "chibi" or "q版" or "cute" => Chibi,
        _ => Anime,
    };

    /// <summary>A color as this style paints it: saturation changed, then lifted toward white or paper.</summary>
    public SKColor Tint(SKColor color)
    {
        color.ToHsv(out var h, out var s, out var v);
        var tinted = SKColor.FromHsv(h, Math.Clamp(s * Saturation, 0, 100), v, color.Alpha);
        if (InkOnPaper)
        {
            // Ink wash: colors sink into warm paper instead of turning gray.
            tinted = Mix(tinted, new SKColor(0xE8, 0xDA, 0xBC, color.Alpha), 0.35f);
        }

        return Lighten > 0 ? Mix(tinted, new SKColor(0xFF, 0xFF, 0xFF, color.Alpha), Lighten) : tinted;
    }

    public static SKColor Mix(SKColor a, SKColor b, float t) => new(
        (byte)(a.Red + ((b.Red - a.Red) * t)),
        (byte)(a.Green + ((b.Green - a.Green) * t)),
        (byte)(a.Blue + ((b.Blue - a.Blue) * t)),
        (byte)(a.Alpha + ((b.Alpha - a.Alpha) * t)));
}
