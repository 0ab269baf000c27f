using Serverless.Captions;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Projects;
using Serverless.Studio.Storage;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Subtitles;

/// <summary>
/// A project's subtitles: timed from the storyboard (measured voices where recorded, estimates otherwise) until the
/// user replaces or edits them; from then on the edited track is what the API shows and what renders burn in.
/// </summary>
public sealed class SubtitleService(ProjectStore projects, StoryboardStore storyboards, SubtitleStore tracks, TimeProvider time, ILogger<SubtitleService> logger)
{
    public const int MaxCues = 1000;
    public const int MaxTextLength = 500;
    public const int MaxSpeakerLength = 100;

    /// <summary>Longer than any video the studio makes (at most 600 s are planned), so no real cue is refused.</summary>
    public const double MaxSeconds = 3600;

    /// <summary>Writes lost to a concurrent one before an edit without If-Match gives up.</summary>
    private const int MaxAttempts = 5;

    private const string StaleEdit = "the subtitles changed since they were read (If-Match); read them again and redo the edit";

    public async Task<Outcome<SubtitleSet>> GetAsync(string userId, string projectId, CancellationToken cancellationToken = default)
    {
        if (!await OwnsAsync(userId, projectId, cancellationToken))
        {
            return Outcome<SubtitleSet>.NotFound();
        }

        return (await CurrentAsync(userId, projectId, cancellationToken)).Set is { } set
            ? Outcome<SubtitleSet>.Ok(set)
            : NoStoryboard(projectId);
    }

    /// <summary>
    /// Replaces every cue; they must be in order and must not overlap. With <paramref name="ifMatch"/> (the version as the
    /// client read it) subtitles changed since are refused as a conflict.
    /// </summary>
    public async Task<Outcome<SubtitleSet>> ReplaceAsync(
        string userId, string projectId, IReadOnlyList<SubtitleEdit?>? cues, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        if (!await OwnsAsync(userId, projectId, cancellationToken))
        {
            return Outcome<SubtitleSet>.NotFound();
        }

        if (cues is null)
        {
            return Outcome<SubtitleSet>.Invalid("cues", "required: a list of {start, end, text}");
        }

        if (cues.Count > MaxCues)
        {
            return Outcome<SubtitleSet>.Invalid("cues", $"at most {MaxCues} cues");
        }

        var track = new List<Subtitle>(cues.Count);
        for (var i = 0; i < cues.Count; i++)
        {
            var field = $"cues[{i}]";
            if (cues[i] is not { } cue)
            {
                return Outcome<SubtitleSet>.Invalid(field, "a cue, not null");
            }

            if (cue.Start is not { } start || cue.End is not { } end || cue.Text is not { } text)
            {
                return Outcome<SubtitleSet>.Invalid(field, "start, end and text are required");
            }

            track.Add(new Subtitle(CueId(i), start, end, text.Trim(), Blank(cue.Speaker)).Worded());
        }

        for (var i = 0; i < track.Count; i++)
        {
            if (Check(track, i, $"cues[{i}]", againstNext: false) is { } invalid)
            {
                return invalid;
            }
        }

        return await ChangeAsync(userId, projectId, ifMatch, current => Outcome<SubtitleSet>.Ok(new SubtitleSet(KeepSpokenWords(track, current), Edited: true, UpdatedAt: null)), cancellationToken);
    }

    /// <summary>
    /// Changes one cue's text, timing or speaker; it must still sit between its neighbours. With
    /// <paramref name="ifMatch"/> subtitles changed since the client read them are refused as a conflict; without it
    /// the edit is applied to the subtitles as they now stand.
    /// </summary>
    public async Task<Outcome<SubtitleSet>> EditAsync(
        string userId, string projectId, string cueId, SubtitleEdit edit, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edit);
        if (!await OwnsAsync(userId, projectId, cancellationToken))
        {
            return Outcome<SubtitleSet>.NotFound();
        }

        return await ChangeAsync(userId, projectId, ifMatch, current => current is null ? NoStoryboard(projectId) : Edited(current.Cues, cueId, edit), cancellationToken);
    }

    /// <summary>A replaced cue that is one of the current cues unchanged (text, time, speaker) keeps the word times its voice gave it.</summary>
    private static IReadOnlyList<Subtitle> KeepSpokenWords(IReadOnlyList<Subtitle> track, SubtitleSet? current)
    {
        var spoken = (current?.Cues ?? []).Where(c => c.WordsFromSpeech).ToList();
        return track.Select(cue => spoken.FirstOrDefault(s => s.Text == cue.Text && s.Start == cue.Start && s.End == cue.End && s.Speaker == cue.Speaker) is { } same
            ? cue with { Words = same.Words, WordsFromSpeech = true }
            : cue).ToList();
    }

    private static Outcome<SubtitleSet> Edited(IReadOnlyList<Subtitle> current, string cueId, SubtitleEdit edit)
    {
        var cues = current.ToList();
        var index = cues.FindIndex(c => c.Id == cueId);
        if (index < 0)
        {
            return Outcome<SubtitleSet>.NotFound();
        }

        if (edit is { Text: null, Start: null, End: null, Speaker: null })
        {
            return Outcome<SubtitleSet>.Invalid("body", "change at least one of text, start, end, speaker");
        }

        var cue = cues[index];
        var edited = cue with
        {
            Text = edit.Text?.Trim() ?? cue.Text,
            Start = edit.Start ?? cue.Start,
            End = edit.End ?? cue.End,
            Speaker = edit.Speaker is null ? cue.Speaker : Blank(edit.Speaker),
        };
        cues[index] = Reworded(cue, edited);

        return Check(cues, index, field: null, againstNext: true) ?? Outcome<SubtitleSet>.Ok(new SubtitleSet(cues, Edited: true, UpdatedAt: null));
    }

    /// <summary>
    /// An edited cue's words: new text is spread over the cue by syllables (the voice never said it); a moved or
    /// stretched cue keeps its words' proportions; a new speaker changes nothing.
    /// </summary>
    private static Subtitle Reworded(Subtitle before, Subtitle after)
    {
        if (!(after.End > after.Start))
        {
            // Refused by the checks that follow; there is no span to time words in.
            return after;
        }

        if (after.Text != before.Text || before.Words is not { Count: > 0 } words)
        {
            return (after with { Words = null }).Worded();
        }

        return after.Start == before.Start && after.End == before.End
            ? after
            : after with { Words = CaptionWords.Rescale(words, before.Start, before.End, after.Start, after.End), WordsFromSpeech = false };
    }

    /// <summary>The user's cues for a render of the project, or null to time them from the speech as recorded.</summary>
    public async Task<IReadOnlyList<SubtitleCue>?> FindEditedCuesAsync(string userId, string projectId, CancellationToken cancellationToken = default) =>
        (await tracks.FindAsync(userId, projectId, cancellationToken))?.Cues
            .Select(c => new SubtitleCue(c.Start, c.End, c.Text, c.Speaker, c.WordsFromSpeech ? c.Words : null)).ToList();

    /// <summary>One cue per spoken shot, timed as a render lays them out (<see cref="RenderTimeline"/>).</summary>
    public static IReadOnlyList<Subtitle> FromStoryboard(Storyboard storyboard)
    {
        ArgumentNullException.ThrowIfNull(storyboard);
        var cues = new List<Subtitle>();
        var start = 0.0;
        foreach (var shot in storyboard.Shots)
        {
            if (shot.IsSpoken)
            {
                var cue = RenderTimeline.Cue(shot, start, shot.VoiceSeconds ?? shot.SpeechSeconds, shot.VoiceWords);
                cues.Add(new Subtitle(CueId(cues.Count), Math.Round(cue.Start, 3), Math.Round(cue.End, 3), cue.Text, cue.Speaker, cue.Words, cue.Words is not null).Worded());
            }

            start += shot.Duration;
        }

        return cues;
    }

    private static string CueId(int index) => "cue-" + (index + 1).ToString("000", CultureInfo.InvariantCulture);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>
    /// Checks cue <paramref name="i"/> on its own and against the one before it (and after it, for an edit of one cue;
    /// a whole track is checked in order, so a misplaced cue is named rather than its innocent predecessor).
    /// </summary>
    private static Outcome<SubtitleSet>? Check(IReadOnlyList<Subtitle> cues, int i, string? field, bool againstNext)
    {
        string Name(string part) => field is null ? part : $"{field}.{part}";
        var cue = cues[i];
        if (cue.Text.Length is 0 or > MaxTextLength)
        {
            return Outcome<SubtitleSet>.Invalid(Name("text"), $"between 1 and {MaxTextLength} characters");
        }

        if (cue.Speaker is { Length: > MaxSpeakerLength })
        {
            return Outcome<SubtitleSet>.Invalid(Name("speaker"), $"at most {MaxSpeakerLength} characters");
        }

        if (!double.IsFinite(cue.Start) || cue.Start is < 0 or > MaxSeconds)
        {
            return Outcome<SubtitleSet>.Invalid(Name("start"), $"seconds from 0 to {MaxSeconds}");
        }

        if (!double.IsFinite(cue.End) || cue.End > MaxSeconds || cue.End <= cue.Start)
        {
            return Outcome<SubtitleSet>.Invalid(Name("end"), $"after start, at most {MaxSeconds} seconds");
        }

        if (i > 0 && cue.Start < cues[i - 1].End)
        {
            return Outcome<SubtitleSet>.Invalid(Name("start"), $"cues must be in order without overlapping: the one before ends at {cues[i - 1].End.ToString(CultureInfo.InvariantCulture)}");
        }

        if (againstNext && i + 1 < cues.Count && cue.End > cues[i + 1].Start)
        {
            return Outcome<SubtitleSet>.Invalid(Name("end"), $"cues must be in order without overlapping: the next one starts at {cues[i + 1].Start.ToString(CultureInfo.InvariantCulture)}");
        }

        return null;
    }

    private async Task<bool> OwnsAsync(string userId, string projectId, CancellationToken cancellationToken) =>
        StudioIds.IsProjectId(projectId) && await projects.FindAsync(userId, projectId, cancellationToken) is not null;

    private static Outcome<SubtitleSet> NoStoryboard(string projectId) =>
        Outcome<SubtitleSet>.Conflict($"the project has no storyboard to time subtitles from; plan one with POST /api/v1/projects/{projectId}/storyboard/generate");

    /// <summary>The subtitles as they stand (null when there is neither an edited track nor a storyboard) and the track blob's ETag (null before any edit).</summary>
    private async Task<(SubtitleSet? Set, string? TrackETag)> CurrentAsync(string userId, string projectId, CancellationToken cancellationToken)
    {
        if (await tracks.FindVersionAsync(userId, projectId, cancellationToken) is var (track, etag))
        {
            // Tracks saved before cues carried words get them spread over each cue.
            return (new SubtitleSet(track.Cues.Select(c => c.Worded()).ToList(), Edited: true, track.UpdatedAt, etag), etag);
        }

        var (document, storyboardETag) = await storyboards.FindVersionAsync(userId, projectId, cancellationToken);
        return document is null
            ? (null, null)
            : (new SubtitleSet(FromStoryboard(document.Storyboard), Edited: false, document.UpdatedAt, storyboardETag is null ? null : "storyboard-" + storyboardETag.Trim('"')), null);
    }

    /// <summary>
    /// Read, change, write under the track blob's ETag (or only if there is no track yet): a write that lost to another is
    /// redone on the fresh subtitles (a few times), unless the client pinned the version it read with <paramref name="ifMatch"/>.
    /// A change answers the new cues in an Ok set, or why there are none.
    /// </summary>
    private async Task<Outcome<SubtitleSet>> ChangeAsync(
        string userId, string projectId, string? ifMatch, Func<SubtitleSet?, Outcome<SubtitleSet>> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            await EntityTags.BackOffAsync(attempt, cancellationToken);
            var (current, trackETag) = await CurrentAsync(userId, projectId, cancellationToken);
            if (ifMatch is not null && !EntityTags.Same(ifMatch, current?.Version))
            {
                return Outcome<SubtitleSet>.Conflict(StaleEdit);
            }

            var changed = change(current);
            if (changed.Kind != OutcomeKind.Ok)
            {
                return changed;
            }

            var cues = changed.Value!.Cues;
            var now = time.GetUtcNow();
            if (await tracks.TrySaveAsync(new SubtitleTrack(projectId, userId, cues, now), trackETag, cancellationToken) is { } saved)
            {
                logger.LogInformation("Subtitles of project {ProjectId} edited: {Count} cues", projectId, cues.Count);
                return Outcome<SubtitleSet>.Ok(new SubtitleSet(cues, Edited: true, now, saved));
            }

            if (ifMatch is not null)
            {
                return Outcome<SubtitleSet>.Conflict(StaleEdit);
            }
        }

        return Outcome<SubtitleSet>.Conflict("the subtitles are being edited by others at this moment; try again");
    }
}
