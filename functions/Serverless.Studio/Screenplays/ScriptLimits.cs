using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Accounts;

namespace Serverless.Studio.Screenplays;

/// <summary>
/// Bounds on the work one script may ask for. Every shot is a picture and every spoken line a voice from a paid
/// provider, so a long script is a large bill: these are checked before any orchestration starts.
/// </summary>
public sealed class ScriptLimitOptions
{
    public const string Section = "Limits";

    /// <summary>Shots one storyboard may plan (one per line or action of the script).</summary>
    [Range(1, 10_000)]
    public int MaxShots { get; set; } = 200;

    /// <summary>Seconds of video one storyboard may plan (the project's target when it has one, else the lines' estimate).</summary>
    [Range(1, 86_400)]
    public double MaxDurationSeconds { get; set; } = 600;

    /// <summary>Characters of one line or action: a subtitle's and an image prompt's worth.</summary>
    [Range(1, 100_000)]
    public int MaxLineCharacters { get; set; } = 500;
}

/// <summary>
/// A limit a script goes over: the request's field and the reason, which names the limit; <paramref name="Line"/> is the
/// script's 1-based line at fault when one line is (the studio points at it).
/// </summary>
public sealed record ScriptLimitExceeded(string Field, string Reason, int? Line = null);

/// <summary>
/// Checks a script against <see cref="ScriptLimitOptions"/> the way the planner will read it. The planned length is
/// also held to the caller's plan (<see cref="PlanOptions.MaxDurationSeconds"/>) and the platform's longest video,
/// whichever is shortest.
/// </summary>
public sealed class ScriptLimits(IOptions<ScriptLimitOptions> options, IOptions<AccountOptions> accounts)
{
    /// <summary>
    /// The first limit <paramref name="script"/> goes over, or null. A text that is not a screenplay passes here: the
    /// pipeline refuses it with its own message.
    /// </summary>
    public ScriptLimitExceeded? Exceeded(string script, double? targetDurationSeconds, string plan, string? platformPreset)
    {
        var limits = options.Value;
        var (maxSeconds, limit) = DurationCap(plan, platformPreset);
        if (targetDurationSeconds is { } target && target > maxSeconds)
        {
            return new ScriptLimitExceeded("target_duration", $"at most {maxSeconds:0.#} s ({limit})");
        }

        // The script's own lines, before the parser splits a long speech into subtitle-sized beats (which would hide it).
        var lines = script.Split('\n');
        var tooLong = Array.FindIndex(lines, l => l.TrimEnd('\r').Length > limits.MaxLineCharacters);
        if (tooLong >= 0)
        {
            return new ScriptLimitExceeded("script",
                $"lines of at most {limits.MaxLineCharacters} characters (limit max_line_characters); line {tooLong + 1} has {lines[tooLong].TrimEnd('\r').Length}",
                tooLong + 1);
        }

        if (ScreenplayParser.Parse(script).Screenplay is not { } screenplay)
        {
            return null;
        }

        var shots = screenplay.Scenes.SelectMany(s => s.Shots).ToList();
        if (shots.Count > limits.MaxShots)
        {
            return new ScriptLimitExceeded("script", $"at most {limits.MaxShots} shots per storyboard (limit max_shots); this script plans {shots.Count}");
        }

        // With a target the planner fits the shots to it, so the target (checked above) is the planned length.
        var planned = shots.Sum(l => l.Duration);
        if (targetDurationSeconds is null && planned > maxSeconds)
        {
            return new ScriptLimitExceeded("script", $"at most {maxSeconds:0.#} s of planned video ({limit}); this script plans {planned:0} s");
        }

        return null;
    }

    /// <summary>The shortest of the limits on a video's length that apply, and how the answer names it.</summary>
    public (double Seconds, string Limit) DurationCap(string plan, string? platformPreset)
    {
        var cap = (options.Value.MaxDurationSeconds, "limit max_duration_seconds");
        if (accounts.Value.Plan(plan).MaxDurationSeconds is { } planned && planned < cap.MaxDurationSeconds)
        {
            cap = (planned, $"limit max_duration_seconds of the {plan} plan");
        }

        if (PlatformPresets.Find(platformPreset) is { } platform && platform.MaxDurationSeconds < cap.MaxDurationSeconds)
        {
            cap = (platform.MaxDurationSeconds, $"limit max_duration_seconds of {platform.Name}");
        }

        return cap;
    }
}
