namespace Serverless.Media.Rendering;

/// <summary>
/// A local sound-effect file played from <see cref="Start"/> seconds of the video at <see cref="Volume"/> (linear
/// gain), for at most <see cref="MaxDurationSeconds"/> (null: until the file or the video ends).
/// </summary>
public sealed record SoundEffectClip(string Path, double Start, double Volume, double? MaxDurationSeconds = null);
