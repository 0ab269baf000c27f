using System.Text;

namespace Serverless.Studio.Screenplays;

/// <summary>
/// How much there is to say in a text: CJK characters and Latin-script words are read at different
/// speeds, and a subtitle holds a limited number of either.
/// </summary>
internal readonly record struct TextUnits(int CjkCharacters, int Words)
{
    public static TextUnits Count(ReadOnlySpan<char> text)
    {
        var cjk = 0;
        var words = 0;
        var inWord = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsCjk(rune))
            {
                cjk++;
                inWord = false;
            }
            else if (Rune.IsLetterOrDigit(rune))
            {
                if (!inWord)
                {
                    words++;
                }

                inWord = true;
            }
            else if (!ContinuesWord(rune))
            {
                inWord = false;
            }
        }

        return new TextUnits(cjk, words);
    }

    /// <summary>Han, kana and Hangul: scripts read (and subtitled) character by character.</summary>
    public static bool IsCjk(Rune rune)
    {
        var v = rune.Value;
        return v is >= 0x4E00 and <= 0x9FFF // CJK unified ideographs
            or >= 0x3400 and <= 0x4DBF // extension A
            or >= 0x20000 and <= 0x3134F // extensions B-G
            or >= 0xF900 and <= 0xFAFF // compatibility ideographs
            or >= 0x3040 and <= 0x30FF // hiragana, katakana
            or >= 0xAC00 and <= 0xD7AF; // Hangul syllables
    }

    // Marks and apostrophes keep "don't" or "café" (decomposed) one word.
    private static bool ContinuesWord(Rune rune) =>
        rune.Value is '\'' or '\u2019' || Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.SpacingCombiningMark;
}
