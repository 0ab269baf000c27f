using System.Globalization;

namespace Serverless.Testing;

/// <summary>A word pocketsphinx heard, from <see cref="Start"/> to <see cref="End"/> seconds into the clip.</summary>
public sealed record HeardWord(string Word, double Start, double End);

/// <summary>What pocketsphinx heard in a clip: the transcript and when each word was said.</summary>
public sealed record Hearing(string Transcript, IReadOnlyList<HeardWord> Words);

/// <summary>
/// Hears a clip back with pocketsphinx (apt pocketsphinx + pocketsphinx-en-us, installed by dev.sh setup): an English
/// ASR round trip, the offline check that synthesized English is intelligible and that word times match the speech.
/// </summary>
public static class EnglishRecognizer
{
    public static async Task<Hearing> HearAsync(byte[] wav)
    {
        var folder = Directory.CreateTempSubdirectory("asr-");
        try
        {
            var input = Path.Combine(folder.FullName, "clip.wav");
            var resampled = Path.Combine(folder.FullName, "clip16k.wav");
            await System.IO.File.WriteAllBytesAsync(input, wav);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));

            // The en-us acoustic model is trained on 16 kHz audio.
            await RunAsync("sox", [input, "-r", "16000", "-c", "1", "-b", "16", resampled], timeout.Token);
            var output = await RunAsync("pocketsphinx_continuous", ["-infile", resampled, "-time", "yes", "-logfn", "/dev/null"], timeout.Token);
            var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var words = new List<HeardWord>();
            var transcript = new List<string>();
            foreach (var line in lines)
            {
                // Each utterance is a transcript line, then "word start end confidence" lines; "<s>", "</s>", "<sil>"
                // and fillers ("[NOISE]") are not words; "hello(2)" is the second pronunciation of "hello".
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length != 4
                    || !double.TryParse(columns[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var start)
                    || !double.TryParse(columns[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var end))
                {
                    transcript.Add(line);
                    continue;
                }

                var word = columns[0].Split('(')[0];
                if (!word.StartsWith('<') && !word.StartsWith('['))
                {
                    words.Add(new HeardWord(word, start, end));
                }
            }

            return new Hearing(string.Join(' ', transcript), words);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// How far apart (seconds, the median over words both sides have) our start times and the heard ones are: words
    /// are paired in order by their spelling (lower case, letters only), skipping words the recognizer misheard.
    /// </summary>
    public static (double MedianSeconds, int Paired) StartAgreement(IReadOnlyList<(string Text, double Start)> ours, IReadOnlyList<HeardWord> heard)
    {
        var gaps = new List<double>();
        var next = 0;
        foreach (var word in heard)
        {
            for (var i = next; i < ours.Count; i++)
            {
                if (Letters(ours[i].Text) == Letters(word.Word))
                {
                    gaps.Add(Math.Abs(ours[i].Start - word.Start));
                    next = i + 1;
                    break;
                }
            }
        }

        gaps.Sort();
        return (gaps.Count == 0 ? double.PositiveInfinity : gaps[gaps.Count / 2], gaps.Count);
    }

    private static string Letters(string text) => new(text.ToLowerInvariant().Where(char.IsLetter).ToArray());

    private static async Task<string> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        (await ExternalTool.RunAsync(tool, arguments, cancellationToken)).StdOut;
}
