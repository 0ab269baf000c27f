using System.Text.RegularExpressions;

namespace Serverless.Studio.Screenplays;

/// <summary>Where and when a scene happens, read from a seed-style payload or a Fountain heading.</summary>
internal sealed partial record SceneHeading(string Location, string Time, string? Setting)
{
    private static readonly string[] DashSeparators = [" - ", " – ", " — ", " -- "];

    private static readonly HashSet<string> TimesOfDay = new(StringComparer.OrdinalIgnoreCase)
    {
        "清晨", "早晨", "早上", "上午", "中午", "正午", "午后", "下午", "傍晚", "黄昏", "晚上", "夜晚", "夜里", "深夜", "午夜", "凌晨", "黎明", "白天", "日", "夜",
        "dawn", "sunrise", "morning", "noon", "midday", "afternoon", "dusk", "sunset", "evening", "night", "midnight", "day",
    };

    /// <summary>"现代都市街道,傍晚" or "Minimalist kitchen, morning": the time follows the last comma.</summary>
    public static SceneHeading FromPayload(string payload)
    {
        var text = payload.Trim();
        var comma = text.LastIndexOfAny([',', '，', '、']);
        if (comma >= 0)
        {
            return new SceneHeading(text[..comma].Trim(), text[(comma + 1)..].Trim(), null);
        }

        var (location, time) = SplitAtLastDash(text);
        if (time.Length == 0 && SplitAtTimeWord(text) is { } split)
        {
            (location, time) = split;
        }

        return new SceneHeading(location, time, null);
    }

    /// <summary>"INT. SUBWAY PLATFORM - NIGHT", "EXT. STATION - CONTINUOUS #2#", ".FORCED HEADING".</summary>
    public static bool TryParseFountain(string line, out SceneHeading heading)
    {
        heading = null!;
        var match = FountainHeading().Match(line);
        string rest;
        string? setting = null;
        if (match.Success)
        {
            var prefix = match.Groups["prefix"].Value.ToUpperInvariant().Replace(".", string.Empty, StringComparison.Ordinal);
            setting = prefix switch
            {
                "INT" => "interior",
                "EXT" or "EST" => "exterior",
                _ => "interior/exterior",
            };
            rest = line[match.Length..];
        }
        else if (line.Length > 1 && line[0] == '.' && char.IsLetterOrDigit(line[1]))
        {
            rest = line[1..];
        }
        else
        {
            return false;
        }

        rest = SceneNumber().Replace(rest, string.Empty).Trim();
        var (location, time) = SplitAtLastDash(rest);
        heading = new SceneHeading(location, time, setting);
        return true;
    }

    /// <summary>"学校天台 夜晚", "Kitchen morning": a last word that names a time of day is the time.</summary>
    private static (string Location, string Time)? SplitAtTimeWord(string text)
    {
        var space = text.LastIndexOfAny([' ', '\u3000', '\t']);
        if (space <= 0)
        {
            return null;
        }

        var word = text[(space + 1)..];
        return TimesOfDay.Contains(word) ? (text[..space].Trim(), word) : null;
    }

    public static bool IsFountainHeading(string line) => FountainHeading().IsMatch(line);

    private static (string Location, string Time) SplitAtLastDash(string text)
    {
        var best = -1;
        var width = 0;
        foreach (var dash in DashSeparators)
        {
            var at = text.LastIndexOf(dash, StringComparison.Ordinal);
            if (at > best)
            {
                best = at;
                width = dash.Length;
            }
        }

        return best < 0 ? (text, string.Empty) : (text[..best].Trim(), text[(best + width)..].Trim());
    }

    [GeneratedRegex(@"^(?<prefix>INT\.?/EXT|EXT\.?/INT|INT|EXT|EST|I/E|E/I)(?:\.\s*|\s+)(?=\S)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FountainHeading();

    [GeneratedRegex(@"\s*#[^#]*#\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex SceneNumber();
}
