namespace Serverless.Studio.Speech;

/// <summary>Where espeak-ng is and how long one call may take.</summary>
public sealed record EspeakOptions
{
    /// <summary>The espeak-ng executable: a name looked up on PATH or a full path.</summary>
    public string Executable { get; init; } = "espeak-ng";

    /// <summary>
    /// Base limit for a single engine process; a line is split into at most a few such calls. Each call also gets
    /// a second per ten characters, since festival on a busy machine can take seconds for a long line.
    /// </summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The limit for one engine call speaking <paramref name="text"/>.</summary>
    public TimeSpan TimeoutFor(string text) => CallTimeout + TimeSpan.FromSeconds(text.Length / 10.0);

    /// <summary>
    /// The Mandarin voice. Only <c>cmn-latn-pinyin</c> reads Hanzi as Mandarin: Debian's <c>cmn</c> and <c>zh</c>
    /// turn Hanzi into tone-numbered pinyin and read that as English ("jin one tian one").
    /// </summary>
    public string MandarinVoice { get; init; } = "cmn-latn-pinyin";

    /// <summary>The voice for Latin-script runs (brand names, English lines).</summary>
    public string EnglishVoice { get; init; } = "en-us";

    /// <summary>
    /// Speak lines written wholly in English with festival's HTS voice (<c>festvox-us-slt-hts</c>), far clearer than
    /// espeak-ng's English, when festival is installed. Mixed Chinese/English lines stay on espeak-ng so a
    /// character's timbre does not change in mid-sentence.
    /// </summary>
    public bool FestivalForEnglish { get; init; } = true;

    /// <summary>festival itself: it checks that the HTS voice is installed, then speaks each line and reports its word times.</summary>
    public string FestivalExecutable { get; init; } = "festival";

    /// <summary>The festival voice, a Scheme function name; festvox-us-slt-hts provides this one.</summary>
    public string FestivalVoice { get; init; } = "voice_cmu_us_slt_arctic_hts";

    /// <summary>sox, which resamples festival's output and shifts its pitch and tempo per character and emotion.</summary>
    public string SoxExecutable { get; init; } = "sox";

    /// <summary>Pause inserted where a line switches between Mandarin and English runs.</summary>
    public TimeSpan RunGap { get; init; } = TimeSpan.FromMilliseconds(60);
}
