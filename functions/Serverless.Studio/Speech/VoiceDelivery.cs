namespace Serverless.Studio.Speech;

/// <summary>The espeak-ng settings for one line: voice variant, pitch (0-99), speed (words per minute), amplitude (0-200).</summary>
public sealed record VoiceDelivery(string Variant, int Pitch, int WordsPerMinute, int Amplitude)
{
    /// <summary>A readable name for the voice used, recorded with the clip.</summary>
    public string Describe() => $"espeak-ng:{Variant} p{Pitch} s{WordsPerMinute} a{Amplitude}";
}
