namespace Serverless.Media.Rendering;

/// <summary>
/// A background music track under the whole video: looped or trimmed to length, at <see cref="Volume"/>
/// (linear gain), faded in and out, and ducked under speech when <see cref="DuckUnderSpeech"/> is set.
/// </summary>
public sealed record MusicBed(
    string Path,
    double Volume = 0.3,
    double FadeInSeconds = 1,
    double FadeOutSeconds = 2,
    bool DuckUnderSpeech = true);
