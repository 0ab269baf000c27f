using Microsoft.Extensions.Logging;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Projects;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Shots;

/// <summary>Body of <c>PATCH .../shots/{shot_id}</c>: what to change, each field optional.</summary>
public sealed record ShotEdit(double? Duration = null, CameraMotion? Motion = null, TransitionKind? Transition = null);

/// <summary>
/// Edits a shot of the saved storyboard: how long it stays, how the camera moves, how it is entered. Its picture and
/// voice stay valid, so nothing is redrawn; the next render uses the edit, and never cuts the shot's speech short
/// (a duration below it is lengthened to fit, as every shot is), nor takes time from an edited duration for other shots.
/// </summary>
public sealed class ShotEditor(StoryboardStore storyboards, ILogger<ShotEditor> logger)
{
    public const double MinDuration = 0.5;
    public const double MaxDuration = 30;

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

        StoryboardShot? edited = null;
        var update = await storyboards.UpdateAsync(userId, projectId, current =>
        {
            if (current?.Shots.FirstOrDefault(s => s.Id == shotId) is not { } shot)
            {
                return null;
            }

            edited = shot with
            {
                Duration = edit.Duration is { } seconds ? Math.Round(seconds, 2) : shot.Duration,
                DurationEdited = shot.DurationEdited || edit.Duration is not null,
                Motion = edit.Motion ?? shot.Motion,
                Transition = edit.Transition ?? shot.Transition,
            };
            return current with { Shots = current.Shots.Select(s => s.Id == shotId ? edited : s).ToList() };
        }, ifMatch: ifMatch, cancellationToken: cancellationToken);

        if (update.Refusal<StoryboardShot>(found: edited is not null) is { } refused)
        {
            return (refused, null);
        }

        logger.LogInformation("Shot {ShotId} of project {ProjectId} edited: {Duration} s, {Motion}, {Transition}", shotId, projectId, edited!.Duration, edited.Motion, edited.Transition);
        return (Outcome<StoryboardShot>.Ok(edited), update.ETag);
    }

    private static Outcome<StoryboardShot>? Invalid(ShotEdit edit)
    {
        if (edit is { Duration: null, Motion: null, Transition: null })
        {
            return Outcome<StoryboardShot>.Invalid("body", "give at least one of duration, motion, transition");
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
