namespace Serverless.Studio.Speech;

/// <summary>Where espeak-ng is and how long one call may take.</summary>
public sealed record EspeakOptions
{
    /// <summary>The espeak-ng executable: a name looked up on PATH or a full path.</summary>
    public string Executable { get; init; } = "espeak-ng";

    /// <summary>Limit for a single espeak-ng process; a line is split into at most a few such calls.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The Mandarin voice. Only <c>cmn-latn-pinyin</c> reads Hanzi as Mandarin: Debian's <c>cmn</c> and <c>zh</c>
    /// turn Hanzi into tone-numbered pinyin and read that as English ("jin one tian one").
    /// </summary>
    public string MandarinVoice { get; init; } = "cmn-latn-pinyin";

    /// <summary>The voice for Latin-script runs (brand names, English lines).</summary>
    public string EnglishVoice { get; init; } = "en-us";

    /// <summary>Pause inserted where a line switches between Mandarin and English runs.</summary>
    public TimeSpan RunGap { get; init; } = TimeSpan.FromMilliseconds(60);
}
