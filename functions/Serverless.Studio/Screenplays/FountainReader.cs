namespace Serverless.Studio.Screenplays;

/// <summary>
/// Reads Fountain (fountain.io): title page, <c>INT./EXT.</c> headings, uppercase character cues
/// with extensions and parentheticals, dialogue, action paragraphs. Notes, boneyard, sections,
/// synopses and transitions are edit marks, not content. Character introductions in action
/// (<c>ANNA (30s, raincoat)</c>) become the character's attributes.
/// </summary>
internal static class FountainReader
{
    private static readonly HashSet<string> TitlePageKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "Title", "Credit", "Author", "Authors", "Source", "Draft date", "Date", "Contact", "Copyright", "Notes", "Revision",
    };

    public static void Read(IReadOnlyList<string> lines, ScreenplayBuilder builder)
    {
        var start = ReadTitlePage(lines, builder);
        var elements = FountainElements.Read(lines, start);
        var names = elements.OfType<FountainElement.Dialogue>().Select(d => d.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        foreach (var element in elements)
        {
            switch (element)
            {
                case FountainElement.Heading heading:
                    builder.StartScene(heading.Scene);
                    break;
                case FountainElement.Action action:
                    ReadAction(action.Text, names, builder);
                    break;
                case FountainElement.Dialogue dialogue:
                    builder.AddSpoken(dialogue.Name, dialogue.Text, dialogue.Emotion, dialogue.OffScreen);
                    break;
            }
        }
    }

    /// <summary>Whether a trimmed line can be a character cue: uppercase name, optional extensions.</summary>
    public static bool TryParseCue(string line, out string name, out string? extension)
    {
        extension = null;
        var text = line.TrimEnd('^').Trim();
        var forced = text.StartsWith('@');
        if (forced)
        {
            text = text[1..];
        }

        var open = text.IndexOfAny(['(', '（']);
        name = (open < 0 ? text : text[..open]).Trim();
        if (!SpeakerLine.IsName(name) || (!forced && (name.Any(char.IsLower) || !name.Any(char.IsUpper))))
        {
            return false;
        }

        if (open >= 0)
        {
            var close = text.LastIndexOfAny([')', '）']);
            if (close < open || text[(close + 1)..].Trim().Length > 0)
            {
                return false;
            }

            extension = text[(open + 1)..close];
        }

        return !IsTransition(line);
    }

    public static bool IsTransition(string line) =>
        (line.EndsWith("TO:", StringComparison.Ordinal) && !line.Any(char.IsLower))
        || (line.StartsWith('>') && !line.EndsWith('<'))
        || line.StartsWith("FADE ", StringComparison.Ordinal);

    private static int ReadTitlePage(IReadOnlyList<string> lines, ScreenplayBuilder builder)
    {
        var i = 0;
        while (i < lines.Count && lines[i].Trim().Length == 0)
        {
            i++;
        }

        if (i >= lines.Count || !IsTitlePageKey(lines[i], out _, out _))
        {
            return 0;
        }

        string? key = null;
        for (; i < lines.Count && lines[i].Trim().Length > 0; i++)
        {
            if (IsTitlePageKey(lines[i], out var k, out var value))
            {
                key = k;
                if (string.Equals(k, "Title", StringComparison.OrdinalIgnoreCase) && value.Length > 0)
                {
                    builder.Title ??= CleanTitle(value);
                }
            }
            else if (string.Equals(key, "Title", StringComparison.OrdinalIgnoreCase))
            {
                // An indented continuation of a multi-line title.
                builder.Title = builder.Title is null ? CleanTitle(lines[i]) : $"{builder.Title} {CleanTitle(lines[i])}";
            }
        }

        return i;
    }

    private static bool IsTitlePageKey(string line, out string key, out string value)
    {
        key = value = string.Empty;
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || char.IsWhiteSpace(line[0]))
        {
            return false;
        }

        key = line[..colon].Trim();
        value = line[(colon + 1)..].Trim();
        return TitlePageKeys.Contains(key);
    }

    private static string CleanTitle(string text) => text.Trim().Trim('*', '_').Trim();

    private static void ReadAction(string text, IReadOnlyList<string> names, ScreenplayBuilder builder)
    {
        foreach (var name in names)
        {
            var at = FindWord(text, name, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                continue;
            }

            builder.AppearsInScene(name);
            var introduced = FindWord(text, name, StringComparison.Ordinal);
            if (introduced >= 0)
            {
                var after = text.AsSpan(introduced + name.Length).TrimStart();
                if (after.Length > 0 && SpeakerLine.IsOpenParen(after[0]) && CharacterList.TryParseOne($"{name}{after}", out var described))
                {
                    builder.Describe(name, described.Attributes);
                }
            }
        }

        builder.AddAction(text);
    }

    private static int FindWord(string text, string word, StringComparison comparison)
    {
        for (var at = text.IndexOf(word, comparison); at >= 0; at = text.IndexOf(word, at + 1, comparison))
        {
            var before = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            var end = at + word.Length;
            var after = end >= text.Length || !char.IsLetterOrDigit(text[end]);
            if (before && after)
            {
                return at;
            }
        }

        return -1;
    }
}
