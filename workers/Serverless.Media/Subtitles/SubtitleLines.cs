using System.Globalization;
using System.Text;

namespace Serverless.Media.Subtitles;

/// <summary>
/// Breaks a cue into balanced lines that fit the frame. libass only breaks at spaces, and Chinese has none,
/// so a long Chinese line would run off both edges of a portrait frame.
/// </summary>
public static class SubtitleLines
{
    public static IReadOnlyList<string> Wrap(string text, double maxWidthEm)
    {
        var tokens = Tokens(text).ToList();
        var total = tokens.Sum(t => Width(t));
        if (total <= maxWidthEm)
        {
            return [string.Concat(tokens).Trim()];
        }

        var lineCount = (int)Math.Ceiling(total / maxWidthEm);
        var target = Math.Min(maxWidthEm, total / lineCount + 0.5);
        var lines = new List<string>();
        var line = new StringBuilder();
        double width = 0;
        foreach (var token in tokens)
        {
            var w = Width(token);
            if (width + w > target && line.Length > 0 && !IsClosingPunctuation(token))
            {
                lines.Add(line.ToString().Trim());
                line.Clear();
                width = 0;
            }

            line.Append(token);
            width += w;
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString().Trim());
        }

        return lines.Where(l => l.Length > 0).ToList();
    }

    /// <summary>Approximate advance in ems: full width for CJK, about half for Latin.</summary>
    public static double Width(string token)
    {
        double width = 0;
        foreach (var rune in token.EnumerateRunes())
        {
            width += rune.Value >= 0x1100 && Rune.GetUnicodeCategory(rune) != UnicodeCategory.SpaceSeparator ? 1.0 : 0.55;
        }

        return width;
    }

    private static bool IsClosingPunctuation(string token) =>
        token.Length == 1 && "，。！？、；：”’）》」』,.!?;:)".Contains(token[0], StringComparison.Ordinal);

    /// <summary>Latin words (with their trailing space) stay whole; every other character is its own token.</summary>
    private static IEnumerable<string> Tokens(string text)
    {
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            var s = rune.ToString();
            if (rune.Value < 0x1100 && !Rune.IsWhiteSpace(rune))
            {
                word.Append(s);
                continue;
            }

            if (Rune.IsWhiteSpace(rune))
            {
                word.Append(' ');
                yield return word.ToString();
                word.Clear();
                continue;
            }

            if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }

            yield return s;
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
