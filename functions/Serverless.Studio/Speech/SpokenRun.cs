using System.Text;

namespace Serverless.Studio.Speech;

/// <summary>A stretch of a line in one script, spoken by one voice.</summary>
public sealed record SpokenRun(SpokenLanguage Language, string Text)
{
    /// <summary>
    /// Splits mixed text such as "我爱AeroPress" into Mandarin and English runs. The pinyin voice would read Latin
    /// letters as pinyin syllables, so Latin words must go to an English voice. Spaces, digits and punctuation stay
    /// with the run they sit in; digits between Hanzi are read in Mandarin.
    /// </summary>
    public static IReadOnlyList<SpokenRun> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var runs = new List<SpokenRun>();
        var current = new StringBuilder();
        SpokenLanguage? language = null;

        foreach (var rune in text.EnumerateRunes())
        {
            var runeLanguage = Classify(rune);
            if (runeLanguage is { } detected && language is { } open && detected != open && HasSpeakable(current))
            {
                runs.Add(new SpokenRun(open, current.ToString()));
                current.Clear();
            }

            if (runeLanguage is { } chosen && (language is null || chosen != language))
            {
                language = chosen;
            }

            current.Append(rune.ToString());
        }

        if (current.Length > 0)
        {
            var last = language ?? SpokenLanguage.Mandarin;
            if (runs.Count > 0 && !HasSpeakable(current))
            {
                // Trailing punctuation belongs to the last spoken run (it shapes the final intonation).
                runs[^1] = runs[^1] with { Text = runs[^1].Text + current };
            }
            else
            {
                runs.Add(new SpokenRun(last, current.ToString()));
            }
        }

        return runs;
    }

    /// <summary>The language a character forces, or null for neutral characters (spaces, punctuation, digits).</summary>
    private static SpokenLanguage? Classify(Rune rune)
    {
        if (Rune.IsLetter(rune))
        {
            return IsLatin(rune) ? SpokenLanguage.English : SpokenLanguage.Mandarin;
        }

        return null;
    }

    private static bool IsLatin(Rune rune) =>
        rune.Value < 0x0250 || rune.Value is >= 0x1E00 and <= 0x1EFF || rune.Value is >= 0xFF21 and <= 0xFF5A;

    private static bool HasSpeakable(StringBuilder text)
    {
        foreach (var rune in text.ToString().EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                return true;
            }
        }

        return false;
    }
}
