using Microsoft.Extensions.Logging;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Projects;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Shots;

/// <summary>
/// Body of <c>PATCH .../shots/{shot_id}</c>: what to change, each field optional. <c>text</c> is the line of a dialogue
/// or narration shot (1-500 characters once trimmed); a changed line drops the shot's recorded voice, which the next
/// render or <c>generate-dialogues</c> records again.
/// </summary>
public sealed record ShotEdit(double? Duration = null, CameraMotion? Motion = null, TransitionKind? Transition = null, string? Text = null);

/// <summary>
/// Edits a shot of the saved storyboard: how long it stays, how the camera moves, how it is entered, what is said. Its
/// picture stays valid, so nothing is redrawn; the next render uses the edit, and never cuts the shot's speech short
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

            return current with { Shots = current.Shots.Select(s => s.Id == shotId ? edited : s).ToList() };
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

    private static Outcome<StoryboardShot>? Invalid(ShotEdit edit)
    {
        if (edit is { Duration: null, Motion: null, Transition: null, Text: null })
        {
            return Outcome<StoryboardShot>.Invalid("body", "give at least one of duration, motion, transition, text");
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
