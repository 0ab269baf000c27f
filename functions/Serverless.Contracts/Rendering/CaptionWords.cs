using System.Globalization;
using System.Text;

namespace Serverless.Contracts.Rendering;

/// <summary>
/// The words of a caption and where they fall in time, shared by the app (subtitles it shows and edits) and the worker
/// (words it fits to the voiced regions it finds). A line is cut into display units: Latin words as written (with
/// apostrophes and hyphens), Hanzi in groups of up to two; punctuation stays with its neighbour. Where the speech did
/// not report when each unit is said, units share the voiced time in proportion to their syllables.
/// </summary>
public static class CaptionWords
{
    /// <summary>Hanzi shown and timed together: about one two-syllable word.</summary>
    private const int HanziPerGroup = 2;

    /// <summary>The display units of <paramref name="text"/>, in order; each is a piece of the text as written.</summary>
    public static IReadOnlyList<string> Units(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var units = new List<StringBuilder>();
        var prefix = new StringBuilder();
        StringBuilder? open = null;
        var openIsHanzi = false;
        var openHanzi = 0;
        var afterSpace = true;

        foreach (var rune in text.EnumerateRunes())
        {
            var spaced = afterSpace;
            afterSpace = Rune.IsWhiteSpace(rune);
            if (afterSpace)
            {
                open = null;
                continue;
            }

            var hanzi = Rune.IsLetter(rune) && rune.Value >= 0x2E80;
            var wordChar = !hanzi && Rune.IsLetterOrDigit(rune);
            var joiner = rune.Value is '\'' or '\u2019' or '-';
            if (hanzi || wordChar)
            {
                var continues = open is not null && (hanzi ? openIsHanzi && openHanzi < HanziPerGroup : !openIsHanzi);
                if (!continues)
                {
                    open = new StringBuilder().Append(prefix);
                    prefix.Clear();
                    units.Add(open);
                    openIsHanzi = hanzi;
                    openHanzi = 0;
                }

                open!.Append(rune.ToString());
                openHanzi += hanzi ? 1 : 0;
            }
            else if (joiner && open is not null && !openIsHanzi)
            {
                open.Append(rune.ToString());
            }
            else if (units.Count > 0 && !Opens(rune, spaced) && prefix.Length == 0)
            {
                // Closing punctuation ends the unit it follows (a comma between Hanzi ends their group).
                units[^1].Append(rune.ToString());
                open = null;
            }
            else
            {
                prefix.Append(rune.ToString());
                open = null;
            }
        }

        if (prefix.Length > 0)
        {
            if (units.Count == 0)
            {
                units.Add(prefix);
            }
            else
            {
                units[^1].Append(prefix);
            }
        }

        return units.Select(u => u.ToString()).ToList();
    }

    /// <summary>About how many syllables a unit takes to say: one per Hanzi or digit, one per vowel group of a Latin word.</summary>
    public static int Syllables(string unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var count = 0;
        var inVowels = false;
        foreach (var rune in unit.EnumerateRunes())
        {
            var vowel = Rune.IsLetter(rune) && rune.Value < 0x2E80 && "aeiouyAEIOUY".Contains((char)Math.Min(rune.Value, 0xFFFF), StringComparison.Ordinal);
            if ((Rune.IsLetter(rune) && rune.Value >= 0x2E80) || Rune.IsDigit(rune) || (vowel && !inVowels))
            {
                count++;
            }

            inVowels = vowel;
        }

        return Math.Max(1, count);
    }

    /// <summary>
    /// The units of <paramref name="text"/> placed over <paramref name="voiced"/> (in order, not overlapping): the voiced
    /// time is shared in proportion to syllables, and a unit never starts in the silence before a region it falls in.
    /// </summary>
    public static IReadOnlyList<CueWord> Spread(string text, IReadOnlyList<(double Start, double End)> voiced)
    {
        ArgumentNullException.ThrowIfNull(voiced);
        var spans = voiced.Where(v => double.IsFinite(v.Start) && double.IsFinite(v.End) && v.End > v.Start).OrderBy(v => v.Start).ToList();
        var units = Units(text);
        if (spans.Count == 0 || units.Count == 0)
        {
            return [];
        }

        var weights = units.Select(Syllables).ToList();
        var total = (double)weights.Sum();
        var speech = spans.Sum(s => s.End - s.Start);
        var words = new List<CueWord>(units.Count);
        var done = 0;
        for (var i = 0; i < units.Count; i++)
        {
            var from = speech * done / total;
            done += weights[i];
            var to = speech * done / total;
            words.Add(new CueWord(units[i], Math.Round(At(spans, from, startOfNext: true), 3), Math.Round(At(spans, to, startOfNext: false), 3)));
        }

        return words;
    }

    /// <summary>The units of <paramref name="text"/> spread over the whole of <c>[start, end]</c>: a cue whose speech gave no word times.</summary>
    public static IReadOnlyList<CueWord> Spread(string text, double start, double end) => Spread(text, [(start, end)]);

    /// <summary>Words moved by <paramref name="seconds"/>, then kept inside <c>[start, end]</c> in order.</summary>
    public static IReadOnlyList<CueWord> Shift(IReadOnlyList<CueWord> words, double seconds, double start, double end)
    {
        ArgumentNullException.ThrowIfNull(words);
        end = Math.Max(start, end);
        var fitted = new List<CueWord>(words.Count);
        var floor = start;
        foreach (var word in words)
        {
            var from = Math.Clamp(word.Start + seconds, floor, end);
            var to = Math.Clamp(word.End + seconds, from, end);
            fitted.Add(word with { Start = Math.Round(from, 3), End = Math.Round(to, 3) });
            floor = to;
        }

        return fitted;
    }

    /// <summary>Words stretched with their cue from <c>[oldStart, oldEnd]</c> to <c>[start, end]</c>, keeping their proportions.</summary>
    public static IReadOnlyList<CueWord> Rescale(IReadOnlyList<CueWord> words, double oldStart, double oldEnd, double start, double end)
    {
        ArgumentNullException.ThrowIfNull(words);
        var scale = oldEnd > oldStart ? (end - start) / (oldEnd - oldStart) : 0;
        double Map(double t) => start + ((t - oldStart) * scale);
        return Shift(words.Select(w => w with { Start = Map(w.Start), End = Map(w.End) }).ToList(), 0, start, end);
    }

    /// <summary>Whether words lie inside <c>[start, end]</c>, each after the one before and no shorter than nothing.</summary>
    public static bool AreInside(IReadOnlyList<CueWord> words, double start, double end)
    {
        ArgumentNullException.ThrowIfNull(words);
        var floor = start;
        foreach (var word in words)
        {
            if (word.Start < floor - 0.0005 || word.End < word.Start || word.End > end + 0.0005)
            {
                return false;
            }

            floor = word.End;
        }

        return true;
    }

    /// <summary>The time at <paramref name="position"/> seconds into the voiced spans laid end to end.</summary>
    private static double At(List<(double Start, double End)> spans, double position, bool startOfNext)
    {
        const double Tolerance = 1e-6;
        var before = 0.0;
        foreach (var (start, end) in spans)
        {
            var length = end - start;
            var inside = startOfNext ? position < before + length - Tolerance : position <= before + length + Tolerance;
            if (inside)
            {
                return start + Math.Max(0, position - before);
            }

            before += length;
        }

        return spans[^1].End;
    }

    /// <summary>Punctuation that belongs to the unit after it; a straight quote opens only after a space.</summary>
    private static bool Opens(Rune rune, bool afterSpace) =>
        rune.Value is '"' or '\'' ? afterSpace
            : Rune.GetUnicodeCategory(rune) is UnicodeCategory.OpenPunctuation or UnicodeCategory.InitialQuotePunctuation;
}
