using System.Text;

namespace Serverless.Testing.Ocr;

/// <summary>How close OCR output is to the text that was drawn: the measure tests assert on.</summary>
public static class TextSimilarity
{
    /// <summary>
    /// Levenshtein distance between the normalized texts divided by the expected length (0 = identical).
    /// Normalization (NFKC, whitespace collapsed) keeps full-width versus ASCII punctuation ("！" vs "!") from
    /// counting as errors, since the recognizer's dictionary holds both and either is a correct reading.
    /// </summary>
    public static double CharacterErrorRate(string expected, string actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var reference = Normalize(expected);
        var hypothesis = Normalize(actual);
        if (reference.Length == 0)
        {
            return hypothesis.Length == 0 ? 0 : 1;
        }

        return (double)EditDistance(reference, hypothesis) / reference.Length;
    }

    /// <summary>NFKC with runs of whitespace turned into one space and the ends trimmed.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Insertions, deletions and substitutions (UTF-16 units; every CJK character used here is one unit).</summary>
    public static int EditDistance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
