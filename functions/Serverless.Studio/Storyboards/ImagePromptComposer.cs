using System.Globalization;
using System.Text;
using Serverless.Studio.Screenplays;

namespace Serverless.Studio.Storyboards;

/// <summary>
/// Writes the picture description for a shot: style, framing, the characters in frame with their
/// attributes from the character bible, the place and time, and what happens. Spoken words are left
/// out on purpose: image models draw them as garbled lettering, and subtitles carry them anyway.
/// </summary>
internal static class ImagePromptComposer
{
    /// <summary>Long action descriptions are cut to keep prompts within image models' limits.</summary>
    private const int MaxActionTextElements = 200;

    public static string Compose(StoryboardShot shot, Screenplay screenplay, string style, string aspectRatio)
    {
        var prompt = new StringBuilder();
        prompt.Append(StyleDescription(style)).Append(", ").Append(FramingDescription(shot.Framing));
        prompt.Append(", ").Append(Orientation(aspectRatio)).Append(" composition");

        AppendSetting(prompt, shot.Location, shot.Time, shot.Setting);

        if (shot.CharactersInFrame.Count > 0)
        {
            prompt.Append(". Characters: ").Append(string.Join("; ", shot.CharactersInFrame.Select(name => Describe(name, screenplay))));
        }

        switch (shot.LineType)
        {
            case ScriptLineType.Action:
                prompt.Append(". Action: ").Append(Shorten(shot.Text));
                break;
            case ScriptLineType.Narration:
                prompt.Append(". Mood of the narration: ").Append(Shorten(shot.Text));
                break;
            case ScriptLineType.Dialogue when shot.OffScreen:
                prompt.Append(". Reacting to ").Append(shot.Character).Append("'s voice from off-screen");
                break;
            case ScriptLineType.Dialogue:
                prompt.Append(". ").Append(shot.Character).Append(" speaking");
                var listener = shot.CharactersInFrame.FirstOrDefault(n => n != shot.Character);
                if (listener is not null)
                {
                    prompt.Append(" to ").Append(listener);
                }

                if (shot.Emotion is not null)
                {
                    prompt.Append(", ").Append(shot.Emotion).Append(" expression");
                }

                break;
        }

        prompt.Append(". No text, no lettering.");
        return prompt.ToString();
    }

    /// <summary>The prompt of a shot whose picture the user described: style, framing and orientation, then their words.</summary>
    public static string WithOverride(StoryboardShot shot, string style, string aspectRatio, string promptOverride) =>
        $"{StyleDescription(style)}, {FramingDescription(shot.Framing)}, {Orientation(aspectRatio)} composition. {promptOverride.Trim()}. No text, no lettering.";

    public static string StyleDescription(string style) => style.Trim().ToLowerInvariant() switch
    {
        "anime" => "Anime style storyboard frame, clean line art, cel shading",
        "chinese" => "Chinese ink-wash (guofeng) illustration, soft brush strokes, muted colours",
        "comic" => "Comic book panel, bold ink outlines, halftone shading",
        "chibi" => "Chibi style, cute super-deformed characters, pastel colours",
        "realistic" => "Cinematic photorealistic film still",
        "" => "Storyboard frame",
        var other => $"{other} style illustration",
    };

    private static string FramingDescription(ShotFraming framing) => framing switch
    {
        ShotFraming.Closeup => "close-up shot",
        ShotFraming.OverShoulder => "over-the-shoulder shot",
        ShotFraming.Long => "wide establishing shot",
        _ => "medium shot",
    };

    private static string Orientation(string aspectRatio)
    {
        var parts = aspectRatio.Split(':');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var h) && w > 0 && h > 0)
        {
            return w < h ? $"vertical {aspectRatio}" : w > h ? $"horizontal {aspectRatio}" : "square";
        }

        return "vertical 9:16";
    }

    /// <summary>". Setting: KITCHEN, NIGHT (kitchen, interior, at night, dark)": the script's words, then the resolved facts in plain words.</summary>
    public static void AppendSetting(StringBuilder prompt, string location, string time, SceneSetting? setting)
    {
        var place = string.Join(", ", new[] { location, time }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()));
        if (place.Length > 0)
        {
            prompt.Append(". Setting: ").Append(place);
        }

        if (setting is not null)
        {
            prompt.Append(place.Length > 0 ? " (" : ". Setting: ").Append(Describe(setting)).Append(place.Length > 0 ? ")" : "");
        }
    }

    public static string Describe(SceneSetting setting)
    {
        var kind = setting.Kind switch
        {
            ShotImages.SceneryKind.Interior => "a plain room",
            ShotImages.SceneryKind.Exterior => "outdoors",
            ShotImages.SceneryKind.SchoolHall => "school hall",
            ShotImages.SceneryKind.OpenField => "open field",
            ShotImages.SceneryKind.Station => "train or subway station with platform and tracks",
            ShotImages.SceneryKind.Hospital => "hospital ward",
            ShotImages.SceneryKind.Vehicle => "inside a car or bus",
            ShotImages.SceneryKind.Market => "market with stalls",
            var other => other.ToString().ToLowerInvariant(),
        };
        var light = setting.TimeOfDay switch
        {
            ShotImages.TimeOfDay.Night => "at night, dark",
            ShotImages.TimeOfDay.Dusk => "at dusk",
            ShotImages.TimeOfDay.Morning => "in the morning light",
            _ => "by day",
        };
        return $"{kind}, {(setting.Interior ? "interior" : "exterior")}, {light}";
    }

    private static string Describe(string name, Screenplay screenplay) =>
        screenplay.FindCharacter(name) is { } character ? Describe(character with { Name = name }) : name;

    /// <summary>
    /// A character in words for an image model: name, attributes, appearance and signature colour, then the resolved
    /// look (gender, age, clothing and hair colours, props), so a cloud model draws the person the offline frame does.
    /// </summary>
    public static string Describe(Character character)
    {
        var details = character.Attributes.Where(a => !string.IsNullOrWhiteSpace(a)).ToList();
        if (!string.IsNullOrWhiteSpace(character.Appearance))
        {
            details.Add(character.Appearance.Trim());
        }

        if (character.Color is { } color)
        {
            details.Add($"signature colour {color}");
        }

        var described = details.Count == 0 ? character.Name : $"{character.Name} ({string.Join(", ", details)})";
        if (character.Look is not { } look)
        {
            return described;
        }

        var words = look.Words().ToList();
        if (look.Age == Characters.CharacterAge.Adult)
        {
            words.Add("adult");
        }

        var props = look.Props.Count == 0 ? "" : $", with {string.Join(" and ", look.Props)}";
        return $"{described}, {string.Join(" ", words)}, wearing {look.Palette.Clothing} clothes, {look.Palette.Hair} hair{props}";
    }

    private static string Shorten(string text)
    {
        var info = new StringInfo(text);
        return info.LengthInTextElements <= MaxActionTextElements ? text : info.SubstringByTextElements(0, MaxActionTextElements) + "…";
    }
}
