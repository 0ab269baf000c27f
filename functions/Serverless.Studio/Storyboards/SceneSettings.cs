using Serverless.Studio.Screenplays;
using Serverless.Studio.ShotImages;

namespace Serverless.Studio.Storyboards;

/// <summary>
/// Resolves each scene's <see cref="SceneSetting"/>: INT./EXT. (内景/外景) from the heading, the kind from location
/// words, the light from the time. A continuity time (CONTINUOUS, SAME, 同时, 接上) keeps the previous scene's light
/// and, where the location names no other place, its kind. A place the words do not name is a neutral room or
/// outdoor place by INT./EXT., never a street.
/// </summary>
public static class SceneSettings
{
    /// <summary>Times that say the scene follows on from the previous one without time passing.</summary>
    public static readonly IReadOnlyList<string> ContinuousTimes = ["CONTINUOUS", "SAME", "MOMENTS LATER", "同时", "紧接", "接上"];

    private static readonly string[] InteriorWords = ["内景", "室内", "内."];
    private static readonly string[] ExteriorWords = ["外景", "室外", "外."];

    public static IReadOnlyList<SceneSetting> Resolve(IReadOnlyList<Scene> scenes)
    {
        ArgumentNullException.ThrowIfNull(scenes);
        var settings = new List<SceneSetting>(scenes.Count);
        SceneSetting? previous = null;
        foreach (var scene in scenes)
        {
            previous = Resolve(scene, previous);
            settings.Add(previous);
        }

        return settings;
    }

    /// <summary>The setting of a lone scene, for shots saved before settings were resolved.</summary>
    public static SceneSetting Of(string location, string time) => Resolve(new Scene("scene", location, time, [], []), previous: null);

    public static bool IsContinuous(string? time) =>
        !string.IsNullOrEmpty(time) && ContinuousTimes.Any(t => time.Contains(t, StringComparison.OrdinalIgnoreCase));

    private static SceneSetting Resolve(Scene scene, SceneSetting? previous)
    {
        var continuous = previous is not null && IsContinuous(scene.Time);
        var declared = DeclaredInterior(scene);
        SceneryKind kind;
        if (SceneryKeywords.TryRead(scene.Location, out var named))
        {
            kind = named;
        }
        else if (continuous && previous!.Interior == (declared ?? previous.Interior))
        {
            kind = previous.Kind;
        }
        else
        {
            kind = declared == true ? SceneryKind.Interior : SceneryKind.Exterior;
        }

        var light = continuous ? previous!.TimeOfDay
            : TimeOfDayWords.TryRead(scene.Time, out var time) ? time
            : TimeOfDayWords.TryRead(scene.Location, out var inLocation) ? inLocation
            : TimeOfDay.Day;
        return new SceneSetting(kind, declared ?? kind.IsInterior(), light);
    }

    /// <summary>INT. or EXT. as the script says it: a Fountain heading's prefix or 内景/外景 in a Chinese heading.</summary>
    private static bool? DeclaredInterior(Scene scene)
    {
        switch (scene.Setting)
        {
            case "interior":
                return true;
            case "exterior":
                return false;
        }

        var heading = $"{scene.Location} {scene.Time}";
        if (InteriorWords.Any(w => heading.Contains(w, StringComparison.Ordinal)) || Prefixed(heading, "INT"))
        {
            return true;
        }

        return ExteriorWords.Any(w => heading.Contains(w, StringComparison.Ordinal)) || Prefixed(heading, "EXT") ? false : null;
    }

    // "INT. KITCHEN" or "EXT KITCHEN" in a seed-format location, not "INTERNATIONAL AIRPORT".
    private static bool Prefixed(string heading, string prefix) =>
        heading.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && heading.Length > prefix.Length && heading[prefix.Length] is '.' or ' ' or '/';
}
