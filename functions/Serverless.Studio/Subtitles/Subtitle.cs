using Serverless.Captions;
using Serverless.Contracts.Rendering;

namespace Serverless.Studio.Subtitles;

/// <summary>
/// One subtitle: shown from <see cref="Start"/> to <see cref="End"/> seconds into the video. <see cref="Words"/>: when each
/// word (or group of Hanzi) is said, inside the cue and in order; <see cref="WordsFromSpeech"/> when the voice reported
/// them, otherwise they are spread over the cue by syllables (and a render fits them to the voice it hears).
/// </summary>
public sealed record Subtitle(string Id, double Start, double End, string Text, string? Speaker = null, IReadOnlyList<CueWord>? Words = null, bool WordsFromSpeech = false)
{
    /// <summary>This cue with words: its own, or its text spread over it.</summary>
    public Subtitle Worded() => Words is { Count: > 0 } ? this : this with { Words = CaptionWords.Spread(Text, Start, End), WordsFromSpeech = false };
}

/// <summary>
/// A project's subtitles: edited by the user, or timed from the storyboard while nobody has edited them.
/// <see cref="Version"/> is the ETag an edit sends back in If-Match: the track's, or (before any edit) one drawn from the
/// storyboard's, since the cues are then the storyboard's.
/// </summary>
public sealed record SubtitleSet(IReadOnlyList<Subtitle> Cues, bool Edited, DateTimeOffset? UpdatedAt, string? Version = null);

/// <summary>Subtitles a user wrote or edited, kept beside the script as <c>scripts/{user}/{project}/subtitles.json</c>.</summary>
public sealed record SubtitleTrack(string ProjectId, string UserId, IReadOnlyList<Subtitle> Cues, DateTimeOffset UpdatedAt);

/// <summary>A change to one subtitle; what is left out stays as it was.</summary>
public sealed record SubtitleEdit(string? Text, double? Start, double? End, string? Speaker);
