using System.Text;

namespace Serverless.Studio.Screenplays;

/// <summary>Splits the body of a Fountain script into headings, action paragraphs and dialogue blocks.</summary>
internal static class FountainElements
{
    public static IReadOnlyList<FountainElement> Read(IReadOnlyList<string> lines, int start)
    {
        var elements = new List<FountainElement>();
        var action = new StringBuilder();
        var previousBlank = true;
        var inBoneyard = false;

        void FlushAction()
        {
            if (action.Length > 0)
            {
                elements.Add(new FountainElement.Action(action.ToString()));
                action.Clear();
            }
        }

        for (var i = start; i < lines.Count; i++)
        {
            var line = WithoutNotes(lines[i]).Trim();
            if (inBoneyard || line.StartsWith("/*", StringComparison.Ordinal))
            {
                inBoneyard = !line.Contains("*/", StringComparison.Ordinal);
                continue;
            }

            if (line.Length == 0)
            {
                FlushAction();
                previousBlank = true;
                continue;
            }

            var wasBlank = previousBlank;
            previousBlank = false;
            if (IsEditMark(line))
            {
                continue;
            }

            if (wasBlank && SceneHeading.TryParseFountain(line, out var heading))
            {
                FlushAction();
                elements.Add(new FountainElement.Heading(heading));
                continue;
            }

            var nextHasText = i + 1 < lines.Count && lines[i + 1].Trim().Length > 0;
            if (wasBlank && nextHasText && !line.StartsWith('!') && FountainReader.TryParseCue(line, out var name, out var extension))
            {
                FlushAction();
                i = ReadDialogue(lines, i + 1, name, extension, elements);
                continue;
            }

            if (FountainReader.IsTransition(line))
            {
                continue;
            }

            if (SpeakerLine.TryParse(line, out var spoken) && spoken.Text.Length > 0 && !ScriptKeys.IsKey(spoken.Name) && spoken.Name.Count(c => c == ' ') <= 1)
            {
                // "Mia: line" is not Fountain, but a writer who mixes styles still means dialogue; a longer
                // "name" ("He reads the sign: NO ENTRY.") is action.
                FlushAction();
                var (feeling, heard) = Parenthetical.Interpret(spoken.Parenthetical);
                elements.Add(new FountainElement.Dialogue(spoken.Name, spoken.Text, feeling, heard));
                continue;
            }

            if (action.Length > 0)
            {
                action.Append(' ');
            }

            action.Append(Unforced(line));
        }

        FlushAction();
        return elements;
    }

    /// <summary>Reads the block under a cue; returns the index of its last line.</summary>
    private static int ReadDialogue(IReadOnlyList<string> lines, int first, string name, string? extension, List<FountainElement> elements)
    {
        var (emotion, offScreen) = Parenthetical.Interpret(extension);
        var text = new StringBuilder();
        var i = first;
        for (; i < lines.Count; i++)
        {
            var line = WithoutNotes(lines[i]).Trim();
            if (line.Length == 0)
            {
                break;
            }

            if (line.Length > 1 && SpeakerLine.IsOpenParen(line[0]) && SpeakerLine.IsCloseParen(line[^1]))
            {
                var (said, _) = Parenthetical.Interpret(line[1..^1]);
                emotion ??= said;
                continue;
            }

            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(line);
        }

        if (text.Length > 0)
        {
            elements.Add(new FountainElement.Dialogue(name, text.ToString(), emotion, offScreen));
        }

        return i - 1;
    }

    // Sections (#), synopses (=) and page breaks (===) organise the writing; they are not seen or heard.
    private static bool IsEditMark(string line) => line[0] is '#' or '=';

    private static string Unforced(string line)
    {
        if (line[0] == '!')
        {
            return line[1..].Trim();
        }

        if (line.Length > 2 && line[0] == '>' && line[^1] == '<')
        {
            return line[1..^1].Trim();
        }

        return line;
    }

    private static string WithoutNotes(string line)
    {
        var open = line.IndexOf("[[", StringComparison.Ordinal);
        while (open >= 0)
        {
            var close = line.IndexOf("]]", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }

            line = line.Remove(open, close + 2 - open);
            open = line.IndexOf("[[", open, StringComparison.Ordinal);
        }

        return line;
    }
}
