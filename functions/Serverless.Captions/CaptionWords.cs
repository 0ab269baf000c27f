using System.Globalization;
using System.Text;

namespace Serverless.Captions;

/// <summary>
/// The words of a caption and where they fall in time, shared by the app (subtitles it shows and edits) and the worker
/// (words it fits to the voiced regions it finds). A line is cut into display units: Latin words as written (with
/// apostrophes and hyphens), Hanzi in groups of up to two; punctuation stays with its neighbour. Where the speech did
/// not report when each unit is said, units share the voiced time in proportion to how long each takes to say.
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

    /// <summary>
    /// About how long a unit takes to say, in syllables: one per Hanzi or digit; for a Latin word its vowel groups (a
    /// silent final e, -ed or -es not counted) and a tenth for each consonant; punctuation after it adds most of a
    /// syllable for the pause it asks for. Checked against festival's word boundaries and pocketsphinx (WordAlignmentTests).
    /// </summary>
    public static double Weight(string unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var latin = new StringBuilder();
        var other = 0;
        foreach (var rune in unit.EnumerateRunes())
        {
            if (Rune.IsDigit(rune) || (Rune.IsLetter(rune) && rune.Value >= 0x2E80))
            {
                other++;
            }
            else if (Rune.IsLetter(rune))
            {
                latin.Append(char.ToLowerInvariant((char)Math.Min(rune.Value, 0xFFFF)));
            }
        }

        var word = latin.ToString();
        var weight = other + (word.Length > 0 ? LatinSyllables(word) + (ConsonantSyllables * word.Count(c => !IsVowel(c))) : 0);
        var pause = EndsClause(unit) ? PauseSyllables : 0;
        return Math.Max(1, weight) + pause;
    }

    /// <summary>What a comma or a full stop is worth in syllables of time.</summary>
    private const double PauseSyllables = 0.75;

    /// <summary>What a consonant adds to a syllable: "strengths" takes longer to say than "a".</summary>
    private const double ConsonantSyllables = 0.1;

    private static int LatinSyllables(string word)
    {
        var groups = 0;
        for (var i = 0; i < word.Length; i++)
        {
            if (IsVowel(word[i]) && (i == 0 || !IsVowel(word[i - 1])))
            {
                groups++;
            }
        }

        var silent = (word.Length > 2 && word.EndsWith('e') && !word.EndsWith("le", StringComparison.Ordinal) && !IsVowel(word[^2])) || (word.Length > 3 && (
            (word.EndsWith("ed", StringComparison.Ordinal) && word[^3] is not ('t' or 'd')) ||
            (word.EndsWith("es", StringComparison.Ordinal) && word[^3] is not ('s' or 'x' or 'z' or 'c' or 'g' or 'h'))));
        return Math.Max(1, groups - (silent && groups > 1 ? 1 : 0));
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    /// <summary>
    /// The units of <paramref name="text"/> placed over <paramref name="voiced"/> (in order, not overlapping): the voiced
    /// time is shared in proportion to each unit's <see cref="Weight"/>, and a unit never starts in the silence before a region it falls in.
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

        var weights = units.Select(Weight).ToList();
        if (Groups(units, weights, spans) is not { } groups)
        {
            return Share(units, weights, 0, units.Count, spans);
        }

        var words = new List<CueWord>(units.Count);
        for (var j = 0; j < spans.Count; j++)
        {
            words.AddRange(Share(units, weights, groups[j], groups[j + 1], [spans[j]]));
        }

        return words;
    }

    /// <summary>Units <c>[first, end)</c> over <paramref name="spans"/> laid end to end, each given time by its weight.</summary>
    private static List<CueWord> Share(IReadOnlyList<string> units, List<double> weights, int first, int end, List<(double Start, double End)> spans)
    {
        var total = weights.Skip(first).Take(end - first).Sum();
        var speech = spans.Sum(s => s.End - s.Start);
        var words = new List<CueWord>(end - first);
        var done = 0.0;
        for (var i = first; i < end; i++)
        {
            var from = speech * done / total;
            done += weights[i];
            var to = speech * done / total;
            words.Add(new CueWord(units[i], Math.Round(At(spans, from, startOfNext: true), 3), Math.Round(At(spans, to, startOfNext: false), 3)));
        }

        return words;
    }

    /// <summary>
    /// Which units each voiced span holds, as the first unit of each span and then the end: the split whose spans'
    /// lengths best match their units' weights (least squares), a pause after punctuation preferred. A pause between
    /// two spans is where the speaker stopped, so words are not carried across it. Null when there are fewer units than spans.
    /// </summary>
    private static int[]? Groups(IReadOnlyList<string> units, List<double> weights, List<(double Start, double End)> spans)
    {
        var (n, k) = (units.Count, spans.Count);
        if (k == 1 || n < k)
        {
            return k == 1 ? [0, n] : null;
        }

        var before = new double[n + 1];
        for (var i = 0; i < n; i++)
        {
            before[i + 1] = before[i] + weights[i];
        }

        var rate = spans.Sum(s => s.End - s.Start) / before[n];
        var cost = new double[k + 1, n + 1];
        var from = new int[k + 1, n + 1];
        for (var j = 0; j <= k; j++)
        {
            for (var i = 0; i <= n; i++)
            {
                cost[j, i] = double.PositiveInfinity;
            }
        }

        cost[0, 0] = 0;
        for (var j = 1; j <= k; j++)
        {
            var length = spans[j - 1].End - spans[j - 1].Start;
            for (var i = j; i <= n - (k - j); i++)
            {
                var unpunctuated = i < n && !EndsClause(units[i - 1]) ? UnpunctuatedPause : 0;
                for (var a = j - 1; a < i; a++)
                {
                    var miss = length - (rate * (before[i] - before[a]));
                    var candidate = cost[j - 1, a] + (miss * miss) + unpunctuated;
                    if (candidate < cost[j, i])
                    {
                        (cost[j, i], from[j, i]) = (candidate, a);
                    }
                }
            }
        }

        var groups = new int[k + 1];
        groups[k] = n;
        for (var j = k; j > 0; j--)
        {
            groups[j - 1] = from[j, groups[j]];
        }

        return groups;
    }

    /// <summary>What a pause after a word with no punctuation costs a split, in squared seconds: a third of a second's miss.</summary>
    private const double UnpunctuatedPause = 0.1;

    private static bool EndsClause(string unit) => unit.Length > 0 && char.IsPunctuation(unit[^1]) && !Opens(new Rune(unit[^1]), afterSpace: false);

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
