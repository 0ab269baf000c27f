using System.Globalization;
using System.Text;

namespace Serverless.Studio.Screenplays;

/// <summary>
/// Splits a spoken line that would not fit one subtitle into pieces, preferring sentence ends, then
/// clause breaks, then spaces, and only then a hard cut between graphemes. The pieces, concatenated,
/// are the original text less the whitespace at the cuts: nothing said is lost.
/// </summary>
public static class SubtitleSplitter
{
    public const int MaxCjkCharacters = 24;
    public const int MaxWords = 14;

    /// <summary>Guards against unbroken runs (URLs, digits, scripts without spaces) outgrowing the screen.</summary>
    public const int MaxTextElements = 84;

    public static IReadOnlyList<string> Split(string text)
    {
        var pieces = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var cut = NextCut(text, start);
            AddTrimmed(pieces, text, start, cut);
            start = cut;
        }

        return pieces;
    }

    /// <summary>Whether the text fits one subtitle as it is.</summary>
    public static bool Fits(string text) => NextCut(text, 0) == text.Length;

    // Walks characters from start until the piece would overflow, then cuts at the best boundary seen.
    // Runes, not graphemes, for speed: only a hard cut needs grapheme boundaries, and it finds its own.
    private static int NextCut(string text, int start)
    {
        int cjk = 0, words = 0, elements = 0;
        var inWord = false;
        int lastSentence = -1, lastClause = -1, lastSpace = -1;
        var i = start;
        while (i < text.Length)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var length);
            length = Math.Max(1, length);
            if (i > start && ExtendsPrevious(rune))
            {
                // Accents, joiners and variation selectors belong to the character before them.
                i += length;
                continue;
            }

            var isSpace = Rune.IsWhiteSpace(rune);
            elements += isSpace ? 0 : 1;
            if (TextUnits.IsCjk(rune))
            {
                cjk++;
                inWord = false;
            }
            else if (Rune.IsLetterOrDigit(rune))
            {
                words += inWord ? 0 : 1;
                inWord = true;
            }
            else
            {
                inWord = rune.Value is '\'' or '\u2019' && inWord;
            }

            var overflows = ((double)cjk / MaxCjkCharacters) + ((double)words / MaxWords) > 1.0 || elements > MaxTextElements;
            if (overflows && i > start)
            {
                if (lastSentence > start)
                {
                    return lastSentence;
                }

                if (lastClause > start)
                {
                    return lastClause;
                }

                return lastSpace > start ? lastSpace : GraphemeBoundary(text, start, i);
            }

            var end = i + length;
            if (IsSentenceEnd(text, rune, end))
            {
                lastSentence = end;
            }
            else if (IsClosingQuote(rune) && lastSentence == i)
            {
                // “你好。” ends the sentence after the quote, not inside it.
                lastSentence = end;
            }
            else if (IsClauseBreak(text, rune, end))
            {
                lastClause = end;
            }
            else if (isSpace)
            {
                lastSpace = end;
            }

            i = end;
        }

        return text.Length;
    }

    private static bool ExtendsPrevious(Rune rune) =>
        rune.Value is '\u200D' or >= 0x1F3FB and <= 0x1F3FF
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    /// <summary>The last grapheme boundary at or before <paramref name="at"/>, but past <paramref name="start"/>.</summary>
    private static int GraphemeBoundary(string text, int start, int at)
    {
        var boundary = start;
        while (boundary < text.Length)
        {
            var length = Math.Max(1, StringInfo.GetNextTextElementLength(text, boundary));
            if (boundary + length > at)
            {
                // A grapheme longer than a whole subtitle still has to go somewhere: keep it whole.
                return boundary == start ? boundary + length : boundary;
            }

            boundary += length;
        }

        return text.Length;
    }

    private static bool IsSentenceEnd(string text, Rune rune, int end) => rune.Value switch
    {
        '。' or '！' or '？' or '；' or '｡' => true,

        // ASCII punctuation ends a sentence only before a space: not in "3.14", "a.b.com", "?b=c" or "...我".
        '.' or '!' or '?' or ';' => BeforeSpace(text, end),
        _ => false,
    };

    private static bool IsClauseBreak(string text, Rune rune, int end) => rune.Value switch
    {
        '，' or '、' or '：' or '—' or '…' or '－' => true,
        ',' or ':' or '–' => BeforeSpace(text, end),
        _ => false,
    };

    private static bool BeforeSpace(string text, int end) => end == text.Length || char.IsWhiteSpace(text[end]);

    private static bool IsClosingQuote(Rune rune) => rune.Value is '”' or '’' or '"' or '\'' or '」' or '』' or ')' or '）' or '》' or '】';

    private static void AddTrimmed(List<string> pieces, string text, int start, int end)
    {
        var piece = text.AsSpan(start, end - start).Trim();
        if (!piece.IsEmpty)
        {
            pieces.Add(piece.ToString());
        }
    }
}
