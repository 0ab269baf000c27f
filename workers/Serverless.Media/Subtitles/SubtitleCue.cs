using Serverless.Captions;

namespace Serverless.Media.Subtitles;

/// <summary>
/// A subtitle shown from <see cref="Start"/> to <see cref="End"/> seconds on the final timeline, with when each of its
/// words is said (inside the cue, in order) where known.
/// </summary>
public sealed record SubtitleCue(double Start, double End, string Text, string? Speaker = null, IReadOnlyList<CueWord>? Words = null);
