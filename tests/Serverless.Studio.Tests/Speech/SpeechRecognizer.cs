using Serverless.Testing;

namespace Serverless.Studio.Tests.Speech;

/// <summary>An English ASR round trip (<see cref="EnglishRecognizer"/>): synthesized English is intelligible, not just loud.</summary>
internal static class SpeechRecognizer
{
    public static async Task<string> TranscribeEnglishAsync(byte[] wav) => (await EnglishRecognizer.HearAsync(wav)).Transcript.Trim();

    /// <summary>How many of the reference's words the transcript contains (each transcript word counts once).</summary>
    public static int WordsHeard(string reference, string transcript)
    {
        var heard = transcript.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var count = 0;
        foreach (var word in reference.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (heard.Remove(word.Trim('.', ',', '!', '?')))
            {
                count++;
            }
        }

        return count;
    }
}
