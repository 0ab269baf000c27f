namespace Serverless.Studio.Screenplays;

/// <summary>
/// Reads the line-oriented formats (seed, English, Markdown): every line is a heading, a keyed
/// declaration, a spoken line <c>Name(emotion): text</c>, a bracketed action, or plain description.
/// </summary>
internal static class LineScriptReader
{
    private static readonly string[] SoundCueKeys = ["SFX", "SE", "Sound", "音效", "声效"];

    public static void Read(IReadOnlyList<string> lines, ScriptFormat format, ScreenplayBuilder builder)
    {
        var reader = new State(builder);
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                reader.Pending = null;
                continue;
            }

            // List and quote markers ("- 小明: 你好", "> 旁白: ...") are layout in any line format.
            line = MarkdownHeading.StripBlockMarker(line);
            if (format == ScriptFormat.Markdown)
            {
                if (MarkdownHeading.TryParse(line, out var level, out var heading))
                {
                    reader.ReadHeading(level, heading);
                    continue;
                }

                if (reader.InCastSection && CharacterList.TryParseOne(line, out var member) && !line.Any(SpeakerLine.IsColon))
                {
                    builder.Declare(member);
                    continue;
                }
            }

            reader.ReadLine(line);
        }
    }

    /// <summary>"[SFX: thunder]" is a sound cue; any other bracketed line is an action.</summary>
    private static (string Text, IReadOnlyList<string> Tags) ReadBracketed(string inner)
    {
        foreach (var key in SoundCueKeys)
        {
            if (!inner.StartsWith(key, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var rest = inner[key.Length..].TrimStart();
            if (rest.Length > 0 && SpeakerLine.IsColon(rest[0]))
            {
                var cue = rest[1..].Trim();
                return (cue.Length > 0 ? cue : inner, ["sfx"]);
            }
        }

        return (inner, []);
    }

    private static bool TryUnwrap(string line, out string inner)
    {
        inner = string.Empty;
        if (line.Length < 2)
        {
            return false;
        }

        var (first, last) = (line[0], line[^1]);
        var wrapped = (first is '[' or '【' && last is ']' or '】')
            || (SpeakerLine.IsOpenParen(first) && SpeakerLine.IsCloseParen(last))
            || (first == '*' && last == '*' && line.Length > 2);
        if (!wrapped)
        {
            return false;
        }

        inner = line[1..^1].Trim().Trim('*').Trim();
        return inner.Length > 0;
    }

    private sealed class State(ScreenplayBuilder builder)
    {
        public (string Name, string? Emotion, bool OffScreen)? Pending { get; set; }

        public bool InCastSection { get; private set; }

        public void ReadHeading(int level, string text)
        {
            InCastSection = false;
            if (level == 1 && builder.Title is null)
            {
                builder.Title = text;
                return;
            }

            var key = text.TrimEnd(':', '：').Trim();
            if (ScriptKeys.IsCharacters(key))
            {
                InCastSection = true;
                return;
            }

            if (SpeakerLine.TryParse(text, out var keyed) && ScriptKeys.IsScene(keyed.Name))
            {
                builder.StartScene(SceneHeading.FromPayload(keyed.Text));
            }
            else if (SceneHeading.TryParseFountain(text, out var fountain))
            {
                builder.StartScene(fountain);
            }
            else
            {
                // "## 老旧公寓走廊，深夜": in Markdown every lower heading opens a scene.
                builder.StartScene(SceneHeading.FromPayload(ScriptKeys.IsScene(text) ? string.Empty : text));
            }
        }

        public void ReadLine(string line)
        {
            if (TryUnwrap(line, out var inner))
            {
                var (text, tags) = ReadBracketed(inner);
                builder.AddAction(text, tags);
                Pending = null;
                return;
            }

            if (SceneHeading.TryParseFountain(line, out var heading))
            {
                builder.StartScene(heading);
                Pending = null;
                return;
            }

            if (ScriptKeys.IsScene(line))
            {
                // "场景二" alone on its line: a new scene whose place the lines will make clear.
                builder.StartScene(SceneHeading.FromPayload(string.Empty));
                Pending = null;
                return;
            }

            if (SpeakerLine.TryParse(line, out var speaker))
            {
                Pending = null;
                ReadKeyed(speaker);
                return;
            }

            if (Pending is { } pending)
            {
                // "小明(紧张):" on its own line speaks the next line.
                builder.AddSpoken(pending.Name, line, pending.Emotion, pending.OffScreen);
                Pending = null;
                return;
            }

            if (line.Any(char.IsLetterOrDigit))
            {
                builder.AddAction(line, recognised: false);
            }
        }

        private void ReadKeyed(SpeakerLine speaker)
        {
            if (ScriptKeys.IsScene(speaker.Name))
            {
                builder.StartScene(SceneHeading.FromPayload(speaker.Text));
            }
            else if (ScriptKeys.IsCharacters(speaker.Name))
            {
                foreach (var character in CharacterList.Parse(speaker.Text))
                {
                    builder.Declare(character);
                }
            }
            else if (ScriptKeys.IsTitle(speaker.Name))
            {
                if (speaker.Text.Length > 0)
                {
                    builder.Title ??= speaker.Text;
                }
            }
            else if (!ScriptKeys.IsIgnored(speaker.Name))
            {
                var (emotion, offScreen) = Parenthetical.Interpret(speaker.Parenthetical);
                if (speaker.Text.Length == 0)
                {
                    Pending = (speaker.Name, emotion, offScreen);
                }
                else
                {
                    builder.AddSpoken(speaker.Name, speaker.Text, emotion, offScreen);
                }
            }
        }
    }
}
