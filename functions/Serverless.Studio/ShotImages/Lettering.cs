using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace Serverless.Studio.ShotImages;

/// <summary>
/// Shapes, wraps and draws text with HarfBuzz. Chinese wraps between any two Hanzi, Latin words stay whole, and
/// closing punctuation never starts a line (kinsoku). Characters the typeface lacks come from another installed font
/// or are left out, so a frame never shows tofu boxes. One instance per frame: HarfBuzz shapers are not thread-safe.
/// </summary>
internal sealed class Lettering(FrameTypefaces typefaces) : IDisposable
{
    private const string NoLineStart = "，。、；：！？）》」』】〉”’…—～·,.;:!?)]}%";
    private const string NoLineEnd = "（《「『【〈“‘([{";

    private static readonly ConcurrentDictionary<int, SKTypeface?> Fallbacks = new();
    private readonly Dictionary<SKTypeface, SKShaper> _shapers = [];

    /// <summary>Wraps text to a width, shrinking the font down to <paramref name="minSize"/> to fit the line limit, then cutting with an ellipsis.</summary>
    public LetteredText Fit(string text, SKTypeface typeface, float size, float minSize, float maxWidth, int maxLines)
    {
        var units = Units(Normalize(text));
        for (var attempt = size; ; attempt *= 0.9f)
        {
            var fitted = Wrap(units, typeface, Math.Max(attempt, minSize), maxWidth);
            if (fitted.Lines.Count <= maxLines)
            {
                return Balance(units, typeface, fitted, maxWidth);
            }

            if (attempt <= minSize)
            {
                return Truncate(fitted, typeface, maxWidth, maxLines);
            }
        }
    }

    /// <summary>
    /// The narrowest wrapping with the same number of lines: a balloon reads better as two even lines than as a
    /// full line over a stub of two characters.
    /// </summary>
    private LetteredText Balance(List<string> units, SKTypeface typeface, LetteredText greedy, float maxWidth)
    {
        if (greedy.Lines.Count < 2)
        {
            return greedy;
        }

        var best = greedy;
        var (low, high) = (maxWidth / greedy.Lines.Count, maxWidth);
        for (var i = 0; i < 8; i++)
        {
            var width = (low + high) / 2;
            var candidate = Wrap(units, typeface, greedy.FontSize, width);
            if (candidate.Lines.Count <= greedy.Lines.Count && candidate.Width <= width + 0.5f)
            {
                best = candidate;
                high = width;
            }
            else
            {
                low = width;
            }
        }

        return best;
    }

    /// <summary>Draws lettering with each line centered on <paramref name="centerX"/>, starting at <paramref name="top"/>.</summary>
    public void Draw(SKCanvas canvas, LetteredText text, float centerX, float top, SKPaint paint)
    {
        var y = top;
        foreach (var line in text.Lines)
        {
            var x = centerX - (line.Width / 2);
            foreach (var run in line.Runs)
            {
                using var font = new SKFont(run.Typeface, text.FontSize) { Subpixel = true, Edging = SKFontEdging.Antialias };
                var metrics = font.Metrics;
                var baseline = y + ((text.LineHeight - (metrics.Descent - metrics.Ascent)) / 2) - metrics.Ascent;
                canvas.DrawShapedText(Shaper(run.Typeface), run.Text, x, baseline, SKTextAlign.Left, font, paint);
                x += run.Width;
            }

            y += text.LineHeight;
        }
    }

    /// <summary>A single line at a size, without wrapping (labels, seals).</summary>
    public LetteredText Line(string text, SKTypeface typeface, float size) =>
        Wrap(Units(Normalize(text)), typeface, size, float.MaxValue);

    public void Dispose()
    {
        foreach (var shaper in _shapers.Values)
        {
            shaper.Dispose();
        }

        _shapers.Clear();
    }

    private static string Normalize(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Replace('\t', ' ').Trim();

    /// <summary>Splits text into unbreakable pieces: a Latin word with its trailing space, or one Hanzi, with punctuation attached.</summary>
    private static List<string> Units(string text)
    {
        var units = new List<string>();
        var current = new StringBuilder();
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            var rune = Rune.GetRuneAt(element, 0);
            if (element == "\n")
            {
                Flush();
                units.Add("\n");
            }
            else if (NoLineStart.Contains(element, StringComparison.Ordinal) || Rune.IsWhiteSpace(rune))
            {
                // Sticks to what precedes it so it never opens a line.
                if (current.Length == 0 && units.Count > 0 && units[^1] != "\n")
                {
                    current.Append(units[^1]);
                    units.RemoveAt(units.Count - 1);
                }

                current.Append(element);
            }
            else if (IsWordCharacter(rune))
            {
                if (current.Length > 0 && !IsWordCharacter(Rune.GetRuneAt(current.ToString(), LastRuneIndex(current))) && !EndsWithOpening(current))
                {
                    Flush();
                }

                current.Append(element);
            }
            else
            {
                if (!EndsWithOpening(current))
                {
                    Flush();
                }

                current.Append(element);
                if (!NoLineEnd.Contains(element, StringComparison.Ordinal))
                {
                    Flush();
                }
            }
        }

        Flush();
        return units;

        void Flush()
        {
            if (current.Length > 0)
            {
                units.Add(current.ToString());
                current.Clear();
            }
        }
    }

    private static bool EndsWithOpening(StringBuilder text) =>
        text.Length > 0 && NoLineEnd.Contains(text[^1]);

    private static int LastRuneIndex(StringBuilder text) =>
        text.Length >= 2 && char.IsLowSurrogate(text[^1]) ? text.Length - 2 : text.Length - 1;

    /// <summary>Letters of alphabetic scripts and digits: these form words that must not be split across lines.</summary>
    private static bool IsWordCharacter(Rune rune) =>
        (Rune.IsLetterOrDigit(rune) && rune.Value < 0x2E80) || rune.Value is '\'' or '-' or '_' or '@' or '/' or '#' or '&';

    private LetteredText Wrap(List<string> units, SKTypeface typeface, float size, float maxWidth)
    {
        using var font = new SKFont(typeface, size);
        var lines = new List<LetteredLine>();
        var line = new List<LetteredRun>();
        var width = 0f;
        foreach (var unit in units)
        {
            if (unit == "\n")
            {
                Break();
                continue;
            }

            var runs = Runs(unit, typeface, size);
            var unitWidth = runs.Sum(r => r.Width);
            var inkWidth = unitWidth - TrailingSpaceWidth(unit, typeface, size);
            if (line.Count > 0 && width + inkWidth > maxWidth)
            {
                Break();
            }

            if (line.Count == 0 && inkWidth > maxWidth && unit.Length > 1)
            {
                // A word longer than the bubble: split it by characters rather than overflow.
                foreach (var piece in SplitByWidth(unit, typeface, size, maxWidth))
                {
                    var pieceRuns = Runs(piece, typeface, size);
                    if (line.Count > 0)
                    {
                        Break();
                    }

                    line.AddRange(pieceRuns);
                    width = pieceRuns.Sum(r => r.Width);
                }

                continue;
            }

            line.AddRange(runs);
            width += unitWidth;
        }

        Break();
        return new LetteredText(lines, size);

        void Break()
        {
            if (line.Count > 0)
            {
                var merged = Merge(line, size);
                lines.Add(new LetteredLine(merged, merged.Sum(r => r.Width)));
                line = [];
            }

            width = 0;
        }
    }

    private IEnumerable<string> SplitByWidth(string word, SKTypeface typeface, float size, float maxWidth)
    {
        var piece = new StringBuilder();
        var enumerator = StringInfo.GetTextElementEnumerator(word);
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            if (piece.Length > 0 && Runs(piece + element, typeface, size).Sum(r => r.Width) > maxWidth)
            {
                yield return piece.ToString();
                piece.Clear();
            }

            piece.Append(element);
        }

        if (piece.Length > 0)
        {
            yield return piece.ToString();
        }
    }

    private float TrailingSpaceWidth(string unit, SKTypeface typeface, float size)
    {
        var trimmed = unit.TrimEnd();
        return trimmed.Length == unit.Length ? 0 : Measure(unit[trimmed.Length..], typeface, size);
    }

    /// <summary>Splits a unit into runs by the typeface that can draw each character, dropping what no font can draw.</summary>
    private List<LetteredRun> Runs(string unit, SKTypeface typeface, float size)
    {
        var runs = new List<LetteredRun>();
        var text = new StringBuilder();
        SKTypeface? current = null;
        var enumerator = StringInfo.GetTextElementEnumerator(unit);
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            var chosen = TypefaceFor(element, typeface);
            if (chosen is null)
            {
                continue;
            }

            if (current is not null && chosen != current)
            {
                runs.Add(new LetteredRun(text.ToString(), current, Measure(text.ToString(), current, size)));
                text.Clear();
            }

            current = chosen;
            text.Append(element);
        }

        if (current is not null && text.Length > 0)
        {
            runs.Add(new LetteredRun(text.ToString(), current, Measure(text.ToString(), current, size)));
        }

        return runs;
    }

    private SKTypeface? TypefaceFor(string element, SKTypeface typeface)
    {
        var codepoint = Rune.GetRuneAt(element, 0).Value;
        if (!typefaces.FallBackForMissingGlyphs || Rune.IsWhiteSpace(new Rune(codepoint)) || Contains(typeface, codepoint))
        {
            return typeface;
        }

        return Fallbacks.GetOrAdd(codepoint, static c =>
        {
            var match = SKFontManager.Default.MatchCharacter(c);
            return match is not null && Contains(match, c) ? match : null;
        });
    }

    private static bool Contains(SKTypeface typeface, int codepoint)
    {
        using var font = new SKFont(typeface);
        return font.ContainsGlyph(codepoint);
    }

    private float Measure(string text, SKTypeface typeface, float size)
    {
        using var font = new SKFont(typeface, size);
        return Shaper(typeface).Shape(text, font).Width;
    }

    private List<LetteredRun> Merge(List<LetteredRun> runs, float size)
    {
        var merged = new List<LetteredRun>();
        foreach (var run in runs)
        {
            if (merged.Count > 0 && merged[^1].Typeface == run.Typeface)
            {
                merged[^1] = merged[^1] with { Text = merged[^1].Text + run.Text, Width = merged[^1].Width + run.Width };
            }
            else
            {
                merged.Add(run);
            }
        }

        // Trailing spaces at a line end would push a centered line off center.
        if (merged.Count > 0 && merged[^1].Text.EndsWith(' '))
        {
            var last = merged[^1];
            var trimmed = last.Text.TrimEnd();
            merged[^1] = last with { Text = trimmed, Width = trimmed.Length == 0 ? 0 : Measure(trimmed, last.Typeface, size) };
        }

        return merged;
    }

    private LetteredText Truncate(LetteredText text, SKTypeface typeface, float maxWidth, int maxLines)
    {
        var kept = text.Lines.Take(maxLines).ToList();
        var last = kept[^1];
        var ellipsis = Runs("…", typeface, text.FontSize);
        var runs = last.Runs.ToList();
        while (runs.Count > 0 && runs.Sum(r => r.Width) + ellipsis.Sum(r => r.Width) > maxWidth)
        {
            var tail = runs[^1];
            var shorter = tail.Text[..^1];
            runs[^1] = tail with { Text = shorter, Width = Measure(shorter, tail.Typeface, text.FontSize) };
            if (shorter.Length == 0)
            {
                runs.RemoveAt(runs.Count - 1);
            }
        }

        runs.AddRange(ellipsis);
        var merged = Merge(runs, text.FontSize);
        kept[^1] = new LetteredLine(merged, merged.Sum(r => r.Width));
        return text with { Lines = kept };
    }

    private SKShaper Shaper(SKTypeface typeface)
    {
        if (!_shapers.TryGetValue(typeface, out var shaper))
        {
            shaper = new SKShaper(typeface);
            _shapers[typeface] = shaper;
        }

        return shaper;
    }
}
