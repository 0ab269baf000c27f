using SkiaSharp;

namespace Serverless.Studio.ShotImages;

/// <summary>
/// The typefaces frames are lettered with. The CJK family is requested by name: matching by character picks the
/// JP variant of Noto CJK, whose glyph shapes differ from Simplified Chinese for many Hanzi.
/// </summary>
public sealed class FrameTypefaces
{
    public const string SansFamily = "Noto Sans CJK SC";
    public const string SerifFamily = "Noto Serif CJK SC";

    private static readonly Lazy<FrameTypefaces> Installed = new(LoadInstalled, LazyThreadSafetyMode.ExecutionAndPublication);

    private FrameTypefaces(SKTypeface regular, SKTypeface bold, SKTypeface serif, bool fallBackForMissingGlyphs)
    {
        Regular = regular;
        Bold = bold;
        Serif = serif;
        FallBackForMissingGlyphs = fallBackForMissingGlyphs;
    }

    public SKTypeface Regular { get; }

    public SKTypeface Bold { get; }

    public SKTypeface Serif { get; }

    /// <summary>
    /// Whether characters a typeface lacks (emoji, rare symbols) are drawn with another installed font or left out.
    /// When false they are drawn as the font's .notdef box ("tofu"), which is only useful to prove tofu detection.
    /// </summary>
    public bool FallBackForMissingGlyphs { get; }

    /// <summary>The Noto CJK SC typefaces from the system's fonts; throws a clear error when they are not installed.</summary>
    public static FrameTypefaces Default => Installed.Value;

    /// <summary>Frames lettered with other typefaces (tests, custom branding).</summary>
    public static FrameTypefaces From(SKTypeface regular, SKTypeface bold, SKTypeface serif, bool fallBackForMissingGlyphs) =>
        new(regular, bold, serif, fallBackForMissingGlyphs);

    private static FrameTypefaces LoadInstalled()
    {
        var sans = Match(SansFamily, SKFontStyle.Normal);
        var bold = Match(SansFamily, SKFontStyle.Bold);

        // The serif face is a nicety for the chinese style; the sans face stands in if it is missing.
        var serif = TryMatch(SerifFamily, SKFontStyle.Normal) ?? sans;
        return new FrameTypefaces(sans, bold, serif, fallBackForMissingGlyphs: true);
    }

    /// <summary>The installed typeface of a family, or a clear error naming the package to install.</summary>
    internal static SKTypeface Match(string family, SKFontStyle style) =>
        TryMatch(family, style) ?? throw new InvalidOperationException(
            $"The font family '{family}' is not installed, so storyboard frames cannot letter Chinese text. " +
            "Install it (Debian: apt-get install fonts-noto-cjk) and restart.");

    private static SKTypeface? TryMatch(string family, SKFontStyle style)
    {
        // fontconfig substitutes some other family rather than failing, so check what came back.
        var typeface = SKFontManager.Default.MatchFamily(family, style);
        if (typeface is null)
        {
            return null;
        }

        using var font = new SKFont(typeface);
        if (!string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase) || !font.ContainsGlyphs("中文字"))
        {
            typeface.Dispose();
            return null;
        }

        return typeface;
    }
}
