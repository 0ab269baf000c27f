using System.Text.Json;
using Microsoft.Extensions.Logging;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Projects;
using Serverless.Studio.Screenplays;
using Serverless.Studio.ShotImages;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Shots;

/// <summary>
/// Body of <c>PATCH .../shots/{shot_id}</c>: what to change, each field optional. <c>text</c> is the line of a dialogue
/// or narration shot (1-500 characters once trimmed); a changed line drops the shot's recorded voice, which the next
/// render or <c>generate-dialogues</c> records again.
/// </summary>
/// <remarks><c>setting</c> corrects the place and light of the shot's whole scene (each field optional): every shot of the
/// scene takes it, their image prompts say it, and their pictures are dropped so the next render or generate draws them again.</remarks>
public sealed record ShotEdit(double? Duration = null, CameraMotion? Motion = null, TransitionKind? Transition = null, string? Text = null, SceneSettingEdit? Setting = null);

/// <summary>A correction of a scene's <see cref="SceneSetting"/>; a null field stays as resolved.</summary>
public sealed record SceneSettingEdit(SceneryKind? Kind = null, bool? Interior = null, TimeOfDay? TimeOfDay = null);

/// <summary>
/// Edits a shot of the saved storyboard: how long it stays, how the camera moves, how it is entered, what is said. Its
/// picture stays valid, so nothing is redrawn (except after a setting correction, which redraws the scene); the next render uses the edit, and never cuts the shot's speech short
/// (a duration below it is lengthened to fit, as every shot is), nor takes time from an edited duration for other shots.
/// A changed line makes the recorded voice wrong, so it is dropped (and recorded again when next needed); subtitles
/// timed from the storyboard show the new line by themselves.
/// </summary>
public sealed class ShotEditor(StoryboardStore storyboards, ILogger<ShotEditor> logger)
{
    public const double MinDuration = 0.5;
    public const double MaxDuration = 30;
    public const int MaxTextLength = 500;

    /// <summary>
    /// Applies <paramref name="edit"/>; with <paramref name="ifMatch"/> (the storyboard's ETag as the client read it) a
    /// storyboard changed since is refused as a conflict. Answers the edited shot and the storyboard's new ETag.
    /// </summary>
    public async Task<(Outcome<StoryboardShot> Outcome, string? ETag)> EditAsync(
        string userId, string projectId, string shotId, ShotEdit edit, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        if (Invalid(edit) is { } invalid)
        {
            return (invalid, null);
        }

        var text = edit.Text?.Trim();
        StoryboardShot? edited = null;
        Outcome<StoryboardShot>? refusal = null;
        var update = await storyboards.UpdateAsync(userId, projectId, current =>
        {
            if (current?.Shots.FirstOrDefault(s => s.Id == shotId) is not { } shot)
            {
                return null;
            }

            // An action's text is its picture's description (and a sound cue's name), not something said: editing it
            // would leave the drawn frame and the prompt behind, so only spoken lines are edited here.
            if (text is not null && !shot.IsSpoken)
            {
                refusal = Outcome<StoryboardShot>.Invalid("text", "only a dialogue or narration shot has a line to edit");
                return null;
            }

            edited = shot with
            {
                Duration = edit.Duration is { } seconds ? Math.Round(seconds, 2) : shot.Duration,
                DurationEdited = shot.DurationEdited || edit.Duration is not null,
                Motion = edit.Motion ?? shot.Motion,
                Transition = edit.Transition ?? shot.Transition,
            };
            if (text is not null && text != shot.Text)
            {
                // The recorded voice says the old line: without it the next render or generate-dialogues speaks the
                // new one, and until then the estimate for the new line is the floor its duration is fitted to.
                edited = edited with
                {
                    Text = text,
                    SpeechSeconds = SpeechTiming.Spoken(text),
                    Voice = null,
                    VoiceSeconds = null,
                    VoiceWords = null,
                    VoiceProvider = null,
                };
            }

            var shots = current.Shots.Select(s => s.Id == shotId ? edited : s).ToList();
            if (edit.Setting is { } setting)
            {
                shots = shots.Select(s => s.SceneId == shot.SceneId ? Resettled(s, setting) : s).ToList();
                edited = shots.First(s => s.Id == shotId);
            }

            return current with { Shots = shots };
        }, ifMatch: ifMatch, cancellationToken: cancellationToken);

        if (refusal is not null)
        {
            return (refusal, null);
        }

        if (update.Refusal<StoryboardShot>(found: edited is not null) is { } refused)
        {
            return (refused, null);
        }

        logger.LogInformation("Shot {ShotId} of project {ProjectId} edited: {Duration} s, {Motion}, {Transition}", shotId, projectId, edited!.Duration, edited.Motion, edited.Transition);
        return (Outcome<StoryboardShot>.Ok(edited), update.ETag);
    }

    /// <summary>A shot of the scene in its corrected setting: the prompt says the new place and light, the stale picture goes.</summary>
    private static StoryboardShot Resettled(StoryboardShot shot, SceneSettingEdit edit)
    {
        var before = shot.Setting ?? SceneSettings.Of(shot.Location, shot.Time);
        var after = new SceneSetting(edit.Kind ?? before.Kind, edit.Interior ?? edit.Kind?.IsInterior() ?? before.Interior, edit.TimeOfDay ?? before.TimeOfDay);
        var oldWords = ImagePromptComposer.Describe(before);
        var prompt = shot.PromptOverride is null && shot.Setting is not null && shot.ImagePrompt.Contains(oldWords, StringComparison.Ordinal)
            ? shot.ImagePrompt.Replace(oldWords, ImagePromptComposer.Describe(after), StringComparison.Ordinal)
            : shot.ImagePrompt;
        return shot with { Setting = after, ImagePrompt = prompt, Image = null, ImageProvider = null };
    }

    private static Outcome<StoryboardShot>? Invalid(ShotEdit edit)
    {
        if (edit is { Duration: null, Motion: null, Transition: null, Text: null, Setting: null })
        {
            return Outcome<StoryboardShot>.Invalid("body", "give at least one of duration, motion, transition, text, setting");
        }

        if (edit.Setting is { } setting)
        {
            if (setting is { Kind: null, Interior: null, TimeOfDay: null })
            {
                return Outcome<StoryboardShot>.Invalid("setting", "give at least one of kind, interior, time_of_day");
            }

            if (setting.Kind is { } kind && !Enum.IsDefined(kind))
            {
                return Outcome<StoryboardShot>.Invalid("setting.kind", $"one of {string.Join(", ", Enum.GetNames<SceneryKind>().Select(JsonNamingPolicy.SnakeCaseLower.ConvertName))}");
            }

            if (setting.TimeOfDay is { } light && !Enum.IsDefined(light))
            {
                return Outcome<StoryboardShot>.Invalid("setting.time_of_day", "one of morning, day, dusk, night");
            }
        }

        if (edit.Text?.Trim() is { } text && text.Length is 0 or > MaxTextLength)
        {
            return Outcome<StoryboardShot>.Invalid("text", $"between 1 and {MaxTextLength} characters");
        }

        if (edit.Duration is { } seconds && !(seconds is >= MinDuration and <= MaxDuration))
        {
            return Outcome<StoryboardShot>.Invalid("duration", $"seconds between {MinDuration} and {MaxDuration}");
        }

        // The JSON reader takes enum numbers too: only the named values are moves and transitions.
        if (edit.Motion is { } motion && !Enum.IsDefined(motion))
        {
            return Outcome<StoryboardShot>.Invalid("motion", "one of still, zoom_in, zoom_out, pan_left, pan_right");
        }

        return edit.Transition is { } transition && !Enum.IsDefined(transition)
            ? Outcome<StoryboardShot>.Invalid("transition", "one of cut, fade, dissolve, wipe")
            : null;
    }
}
