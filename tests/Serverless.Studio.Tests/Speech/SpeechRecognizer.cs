using System.Text;
using CliWrap;

namespace Serverless.Studio.Tests.Speech;

/// <summary>
/// Hears a clip back with pocketsphinx (apt pocketsphinx + pocketsphinx-en-us, installed by dev.sh setup): an
/// English ASR round trip, the offline check that synthesized English is intelligible and not just loud.
/// </summary>
internal static class SpeechRecognizer
{
    public static async Task<string> TranscribeEnglishAsync(byte[] wav)
    {
        var folder = Directory.CreateTempSubdirectory("asr-");
        try
        {
            var input = Path.Combine(folder.FullName, "clip.wav");
            var resampled = Path.Combine(folder.FullName, "clip16k.wav");
            await File.WriteAllBytesAsync(input, wav);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));

            // The en-us acoustic model is trained on 16 kHz audio.
            await Cli.Wrap("sox").WithArguments([input, "-r", "16000", "-c", "1", "-b", "16", resampled]).ExecuteAsync(timeout.Token);
            var transcript = new StringBuilder();
            await Cli.Wrap("pocketsphinx_continuous")
                .WithArguments(["-infile", resampled, "-logfn", "/dev/null"])
                .WithStandardOutputPipe(PipeTarget.ToStringBuilder(transcript))
                .ExecuteAsync(timeout.Token);
            return transcript.ToString().Trim();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

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
