using System.Text;

namespace Serverless.Studio.Screenplays;

/// <summary>
/// Decides a script's format from its features: Fountain needs scene headings and uppercase cues
/// strictly outnumbering <c>Name: text</c> lines; any ATX heading means Markdown; otherwise the keywords'
/// language (or, without keywords, the dominant script) tells the seed format from English.
/// </summary>
internal static class ScriptFormatDetector
{
    /// <summary>Enough of a long line to tell its script; reading more changes nothing.</summary>
    private const int SampleChars = 512;

    public static ScriptFormat Detect(IReadOnlyList<string> lines)
    {
        int fountainHeadings = 0, cues = 0, speakerLines = 0, markdownHeadings = 0, chineseKeys = 0, englishKeys = 0;
        int cjk = 0, latin = 0;
        var previousBlank = true;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                previousBlank = true;
                continue;
            }

            CountScripts(line, ref cjk, ref latin);
            if (SceneHeading.IsFountainHeading(line))
            {
                fountainHeadings++;
            }
            else if (MarkdownHeading.TryParse(line, out _, out var heading))
            {
                markdownHeadings++;
                CountKey(SpeakerLine.TryParse(heading, out var keyed) ? keyed.Name : heading, ref chineseKeys, ref englishKeys);
            }
            else if (FountainReader.IsTransition(line))
            {
                // "CUT TO:" looks like a speaker with nothing to say.
            }
            else if (SpeakerLine.TryParse(line, out var speaker))
            {
                if (!CountKey(speaker.Name, ref chineseKeys, ref englishKeys))
                {
                    speakerLines++;
                }
            }
            else if (previousBlank && i + 1 < lines.Count && lines[i + 1].Trim().Length > 0 && FountainReader.TryParseCue(line, out _, out _))
            {
                cues++;
            }

            previousBlank = false;
        }

        if (fountainHeadings > 0 && cues > speakerLines)
        {
            return ScriptFormat.Fountain;
        }

        if (markdownHeadings > 0)
        {
            return ScriptFormat.Markdown;
        }

        if (chineseKeys != englishKeys)
        {
            return englishKeys > chineseKeys ? ScriptFormat.English : ScriptFormat.Seed;
        }

        return latin > cjk ? ScriptFormat.English : ScriptFormat.Seed;
    }

    private static bool CountKey(string name, ref int chineseKeys, ref int englishKeys)
    {
        if (!ScriptKeys.IsKey(name))
        {
            return false;
        }

        if (ScriptKeys.IsEnglishKey(name))
        {
            englishKeys++;
        }
        else if (!ScriptKeys.IsIgnored(name))
        {
            chineseKeys++;
        }

        return true;
    }

    private static void CountScripts(string line, ref int cjk, ref int latin)
    {
        foreach (var rune in line.AsSpan(0, Math.Min(line.Length, SampleChars)).EnumerateRunes())
        {
            if (TextUnits.IsCjk(rune))
            {
                cjk++;
            }
            else if (Rune.IsLetter(rune))
            {
                latin++;
            }
        }
    }
}
