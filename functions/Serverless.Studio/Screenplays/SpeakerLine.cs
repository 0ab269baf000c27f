using System.Text;

namespace Serverless.Studio.Screenplays;

/// <summary>
/// A line of the form <c>Name(emotion): text</c>, with ASCII or full-width parentheses and colons
/// in any mix. Also matches keyed lines (<c>场景:</c>, <c>Characters:</c>), which callers tell apart
/// by <see cref="Name"/>. <see cref="Text"/> is the rest of the line after the colon, trimmed only.
/// </summary>
internal sealed record SpeakerLine(string Name, string? Parenthetical, string Text)
{
    private const int MaxNameLength = 32;
    private const int MaxParentheticalLength = 40;

    public static bool TryParse(string line, out SpeakerLine speakerLine)
    {
        speakerLine = null!;
        var i = 0;
        while (i < line.Length && i <= MaxNameLength && !IsOpenParen(line[i]) && !IsColon(line[i]))
        {
            i++;
        }

        if (i >= line.Length || i > MaxNameLength)
        {
            return false;
        }

        var name = line[..i].Trim().Trim('*', '_').Trim();
        if (!IsName(name))
        {
            return false;
        }

        string? parenthetical = null;
        var groups = 0;
        while (i < line.Length && IsOpenParen(line[i]))
        {
            var close = FindClose(line, i + 1);
            if (close < 0 || ++groups > 3)
            {
                return false;
            }

            var inner = line[(i + 1)..close].Trim();
            parenthetical = parenthetical is null ? inner : $"{parenthetical}, {inner}";
            i = close + 1;
            while (i < line.Length && char.IsWhiteSpace(line[i]))
            {
                i++;
            }
        }

        // "**小明**（紧张）：" closes its markup after the parenthetical.
        while (i < line.Length && line[i] is '*' or '_')
        {
            i++;
        }

        if (i >= line.Length || !IsColon(line[i]))
        {
            return false;
        }

        var text = line[(i + 1)..].Trim();
        if (line[i] == ':' && LooksLikeNotSpeech(name, text))
        {
            return false;
        }

        speakerLine = new SpeakerLine(name, string.IsNullOrEmpty(parenthetical) ? null : parenthetical, text);
        return true;
    }

    public static bool IsColon(char c) => c is ':' or '：';

    public static bool IsOpenParen(char c) => c is '(' or '（';

    public static bool IsCloseParen(char c) => c is ')' or '）';

    /// <summary>
    /// A speaker's name: starts with a letter, at most a few words of letters, digits, marks and
    /// name punctuation ("Dr. Chen", "O'Neil", "橘猫警长", "Guard 2"); never sentence punctuation.
    /// </summary>
    public static bool IsName(string name)
    {
        if (name.Length == 0 || name.Length > MaxNameLength)
        {
            return false;
        }

        var first = true;
        var spaces = 0;
        foreach (var rune in name.EnumerateRunes())
        {
            if (first && !Rune.IsLetter(rune))
            {
                return false;
            }

            first = false;
            if (rune.Value == ' ')
            {
                if (++spaces > 3)
                {
                    return false;
                }

                continue;
            }

            var ok = Rune.IsLetterOrDigit(rune)
                || Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark
                || rune.Value is '.' or '\'' or '’' or '-' or '·' or '・' or '_' or '&';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static int FindClose(string line, int from)
    {
        for (var j = from; j < line.Length && j - from <= MaxParentheticalLength; j++)
        {
            if (IsCloseParen(line[j]))
            {
                return j;
            }

            if (IsOpenParen(line[j]))
            {
                return -1;
            }
        }

        return -1;
    }

    // "Meet at 12:30" and "see https://x.io" use colons that do not introduce speech.
    private static bool LooksLikeNotSpeech(string name, string text) =>
        text.StartsWith("//", StringComparison.Ordinal)
        || (char.IsDigit(name[^1]) && text.Length > 0 && char.IsDigit(text[0]));
}
