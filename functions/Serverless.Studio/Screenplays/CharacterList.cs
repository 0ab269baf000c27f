namespace Serverless.Studio.Screenplays;

/// <summary>
/// A declaration such as <c>小明(男,学生),小红(女,学生)</c> or <c>Mia (female, barista), Leo</c>:
/// commas inside parentheses separate attributes, commas outside separate characters.
/// </summary>
internal static class CharacterList
{
    private static readonly char[] AttributeSeparators = [',', '，', '、', ';', '；', '/'];

    public static IReadOnlyList<Character> Parse(string text)
    {
        var characters = new List<Character>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ',';
            if (SpeakerLine.IsOpenParen(c))
            {
                depth++;
            }
            else if (SpeakerLine.IsCloseParen(c))
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && c is ',' or '，' or '、' or ';' or '；')
            {
                if (TryParseOne(text[start..i], out var character))
                {
                    characters.Add(character);
                }

                start = i + 1;
            }
        }

        return characters;
    }

    /// <summary>One entry: a name, then optionally "(attribute, attribute)".</summary>
    public static bool TryParseOne(string entry, out Character character)
    {
        character = null!;
        var text = entry.Trim().TrimStart('-', '*', '+', '•').Trim();
        var open = text.IndexOfAny(['(', '（']);
        var name = (open < 0 ? text : text[..open]).Trim().Trim('*', '_').Trim();
        if (!SpeakerLine.IsName(name))
        {
            return false;
        }

        IReadOnlyList<string> attributes = [];
        if (open >= 0)
        {
            var close = text.IndexOfAny([')', '）'], open + 1);
            var inner = close < 0 ? text[(open + 1)..] : text[(open + 1)..close];
            attributes = inner.Split(AttributeSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        }

        character = new Character(name, attributes);
        return true;
    }
}
