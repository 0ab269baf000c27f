namespace Serverless.Studio.Speech;

/// <summary>Which espeak-ng voice reads a run of text.</summary>
public enum SpokenLanguage
{
    /// <summary>Hanzi, digits and everything not Latin: read as Mandarin by <c>cmn-latn-pinyin</c>.</summary>
    Mandarin,

    /// <summary>Runs of Latin letters (brand names, English words): read by an English voice.</summary>
    English,
}
