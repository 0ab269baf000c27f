namespace Serverless.Media.Subtitles;

/// <summary>How burned-in subtitles look, in pixels of the output frame.</summary>
public sealed record SubtitleStyle
{
    /// <summary>Asked for by family name: matching by character picks the Japanese variant of Noto CJK.</summary>
    public string FontName { get; init; } = "Noto Sans CJK SC";
    public int FontSize { get; init; }
    public int Outline { get; init; }
    public int MarginVertical { get; init; }
    public int MarginHorizontal { get; init; }
    public bool ShowSpeaker { get; init; } = true;

    /// <summary>Light up each word as it is said, in <see cref="HighlightColour"/>, where the cue has word times.</summary>
    public bool Karaoke { get; init; }

    /// <summary>The colour a said word turns, as ASS writes it (&amp;HAABBGGRR): yellow.</summary>
    public string HighlightColour { get; init; } = "&H0000E6FF";

    /// <summary>Sizes that stay readable on a phone: about 6% of the short side, lifted clear of platform buttons.</summary>
    public static SubtitleStyle For(int width, int height) => new()
    {
        FontSize = Math.Max(12, (int)Math.Round(Math.Min(width, height) * 0.06)),
        Outline = Math.Max(1, (int)Math.Round(Math.Min(width, height) * 0.004)),
        MarginVertical = (int)Math.Round(height * (height > width ? 0.14 : 0.07)),
        MarginHorizontal = (int)Math.Round(width * 0.06),
    };

    /// <summary>A named look, sized to the frame.</summary>
    public static SubtitleStyle For(int width, int height, SubtitleLook look)
    {
        var classic = For(width, height);
        return look switch
        {
            SubtitleLook.Bold => classic with
            {
                FontSize = (int)Math.Round(classic.FontSize * 1.3),
                Outline = classic.Outline * 2,
            },
            SubtitleLook.Minimal => classic with
            {
                FontSize = Math.Max(12, (int)Math.Round(classic.FontSize * 0.8)),
                ShowSpeaker = false,
            },
            SubtitleLook.Karaoke => classic with { Karaoke = true },
            _ => classic,
        };
    }
}
