using CsCheck;
using Serverless.Studio.ShotImages;

namespace Serverless.Studio.Tests.ShotImages;

public sealed class LetteringTests
{
    private static readonly FrameTypefaces Typefaces = FrameTypefaces.Default;

    [Fact]
    public void Chinese_wraps_within_the_width_and_no_line_starts_with_closing_punctuation()
    {
        using var lettering = new Lettering(Typefaces);

        var text = lettering.Fit("你终于来了！我等了你整整一个下午，咖啡都凉了。我们走吧，好吗？", Typefaces.Regular, 48, 30, 400, maxLines: 10);

        Assert.True(text.Lines.Count >= 3);
        Assert.All(text.Lines, line => Assert.True(line.Width <= 400.5f, $"line {Joined(line)} is {line.Width} wide"));
        Assert.All(text.Lines, line => Assert.DoesNotMatch("^[，。！？、）」]", Joined(line)));
    }

    [Fact]
    public void Latin_words_are_never_split_when_they_fit()
    {
        using var lettering = new Lettering(Typefaces);

        var text = lettering.Fit("我爱AeroPress咖啡机 and the Chemex pour-over", Typefaces.Regular, 48, 48, 330, maxLines: 10);

        var words = text.Lines.SelectMany(l => Joined(l).Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Contains(text.Lines, l => Joined(l).Contains("AeroPress", StringComparison.Ordinal));
        Assert.Contains("Chemex", words);
        Assert.Contains("pour-over", words);
    }

    [Fact]
    public void Text_that_does_not_fit_shrinks_then_ends_with_an_ellipsis()
    {
        using var lettering = new Lettering(Typefaces);
        var text = lettering.Fit(new string('长', 400), Typefaces.Regular, 60, 30, 300, maxLines: 3);

        Assert.Equal(3, text.Lines.Count);
        Assert.Equal(30, text.FontSize, 1);
        Assert.EndsWith("…", Joined(text.Lines[^1]), StringComparison.Ordinal);
    }

    [Fact]
    public void Characters_the_CJK_font_lacks_come_from_a_fallback_font_or_are_dropped()
    {
        using var lettering = new Lettering(Typefaces);
        var text = lettering.Line("好😀\u0378", Typefaces.Regular, 40);

        // U+0378 is unassigned: no font can draw it, so it is left out instead of drawing a box.
        Assert.DoesNotContain("\u0378", text.Lines.SelectMany(l => l.Runs).Select(r => r.Text));
        Assert.Contains(text.Lines.SelectMany(l => l.Runs), r => r.Typeface == Typefaces.Regular && r.Text.Contains('好', StringComparison.Ordinal));
    }

    [Fact]
    public void Wrapping_keeps_every_visible_character_of_any_text()
    {
        using var lettering = new Lettering(Typefaces);
        Gen.String[0, 120].Sample(input =>
        {
            var text = lettering.Fit(input, Typefaces.Regular, 40, 40, 360, maxLines: 1000);
            var drawn = string.Concat(text.Lines.Select(Joined)).Where(c => !char.IsWhiteSpace(c));
            var expected = input.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c) && !char.IsSurrogate(c) && CanDraw(c));
            return drawn.SequenceEqual(expected);
        }, iter: 300);
    }

    [Fact]
    public void A_missing_CJK_font_is_a_clear_error_not_tofu()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FrameTypefaces.Match("Noto Sans CJK XX Missing", SkiaSharp.SKFontStyle.Normal));

        Assert.Contains("fonts-noto-cjk", error.Message, StringComparison.Ordinal);
        Assert.Contains("Noto Sans CJK XX Missing", error.Message, StringComparison.Ordinal);
    }

    private static bool CanDraw(char c)
    {
        using var font = new SkiaSharp.SKFont(Typefaces.Regular);
        return font.ContainsGlyph(c) || SkiaSharp.SKFontManager.Default.MatchCharacter(c) is { } fallback && new SkiaSharp.SKFont(fallback).ContainsGlyph(c);
    }

    private static string Joined(LetteredLine line) => string.Concat(line.Runs.Select(r => r.Text));
}
