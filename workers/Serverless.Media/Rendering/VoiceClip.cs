namespace Serverless.Media.Rendering;

/// <summary>
/// A local voice clip placed on the timeline at <see cref="Start"/> seconds, playing <see cref="Duration"/> seconds of
/// the clip from <see cref="ClipOffset"/> (how leading silence found by speech detection is skipped).
/// <see cref="Source"/>: what the caller calls the clip (a blob name), so a refusal names the input it was given; null: <see cref="Audio"/>.
/// <see cref="GainDb"/>: what the mix adds to the clip to keep voices level (<see cref="Quality.VoiceLeveler"/>).
/// </summary>
public sealed record VoiceClip(string Audio, double Start, double Duration, double ClipOffset = 0, string? Source = null, double GainDb = 0);
