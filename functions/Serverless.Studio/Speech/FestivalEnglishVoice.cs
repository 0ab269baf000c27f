using Serverless.Captions;
using System.Globalization;
using Serverless.Contracts.Rendering;

namespace Serverless.Studio.Speech;

/// <summary>
/// English speech through festival's HTS voice (<c>festvox-us-slt-hts</c>): about 3 words in 35 misheard by an ASR
/// round trip, against about 30 for espeak-ng's English. festival has one installed voice, so characters are told
/// apart by sox: a pitch shift from the character's cast pitch (down about a fourth for male voices), tempo from
/// speed and emotion, gain from amplitude. Text goes through a temp file, never the command line.
/// </summary>
internal sealed class FestivalEnglishVoice(EspeakOptions options)
{
    private Task<bool>? _available;

    /// <summary>Whether festival and its HTS voice are installed; checked once (a failed check is retried).</summary>
    public Task<bool> IsAvailableAsync(CancellationToken cancellationToken)
    {
        if (!options.FestivalForEnglish)
        {
            return Task.FromResult(false);
        }

        var check = Volatile.Read(ref _available);
        if (check is null || check.IsFaulted || check.IsCanceled)
        {
            check = ProbeAsync();
            Volatile.Write(ref _available, check);
        }

        return check.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The line spoken, with when each of its words is said (seconds into the clip). festival runs a small script that
    /// synthesizes the line as one utterance, saves it and prints each word's start and end with the token it was read
    /// from ("1999" is read as several words, timed together); sox's tempo then scales the times with the audio.
    /// </summary>
    public async Task<(PcmAudio Audio, IReadOnlyList<CueWord> Words)> SpeakAsync(string text, VoiceDelivery delivery, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("festival-");
        try
        {
            var script = Path.Combine(folder.FullName, "line.scm");
            var raw = Path.Combine(folder.FullName, "line.wav");
            var spoken = Latin1(text);

            await File.WriteAllTextAsync(script, Script(spoken, raw), System.Text.Encoding.Latin1, cancellationToken);
            var timings = await ToolRun.RunAsync(
                options.FestivalExecutable,
                ["-b", script],
                stdin: null,
                options.TimeoutFor(text),
                $"festival, {text.Length} characters",
                "install it with apt-get install festival festvox-us-slt-hts",
                cancellationToken,
                requireOutput: false);

            var shaped = await ToolRun.RunAsync(
                options.SoxExecutable,
                // -D: no dither, so the same line in the same voice is the same clip (sox's dither is random).
                ["-D", raw, "-t", "wav", "-r", "22050", "-c", "1", "-b", "16", "-e", "signed-integer", "-",
                 "pitch", Cents(delivery).ToString(CultureInfo.InvariantCulture),
                 "tempo", "-s", Tempo(delivery).ToString("0.###", CultureInfo.InvariantCulture),
                 "vol", (delivery.Amplitude / 100.0).ToString("0.###", CultureInfo.InvariantCulture)],
                stdin: null,
                options.TimeoutFor(text),
                "sox reshaping festival's voice",
                "install it with apt-get install sox",
                cancellationToken);
            var audio = PcmAudio.FromWav(shaped);
            var before = PcmAudio.FromWav(await File.ReadAllBytesAsync(raw, cancellationToken)).DurationSeconds;
            var scale = before > 0 ? audio.DurationSeconds / before : 1;
            return (audio, FestivalWords.Read(System.Text.Encoding.Latin1.GetString(timings), text, scale, audio.DurationSeconds));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// The festival script for one line: the text is a Scheme string literal (backslashes and quotes escaped, control
    /// characters already spaces), so nothing in it is ever read as code.
    /// </summary>
    private string Script(string spoken, string wav) =>
        $"""
        ({options.FestivalVoice})
        (set! utt (utt.synth (Utterance Text "{Escape(spoken)}")))
        (utt.save.wave utt "{Escape(wav)}" 'riff)
        (set! token_number 0)
        (mapcar (lambda (tok) (set! token_number (+ token_number 1)) (item.set_feat tok "number" token_number)) (utt.relation.items utt 'Token))
        (mapcar (lambda (w) (format t "{FestivalWords.Marker}\t%s\t%s\t%s\n" (item.feat w "R:Token.parent.number") (item.feat w "word_start") (item.feat w "word_end"))) (utt.relation.items utt 'Word))

        """;

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    /// <summary>How this delivery is described on the clip: same character, same description.</summary>
    public static string Describe(VoiceDelivery delivery) =>
        string.Create(CultureInfo.InvariantCulture, $"festival:slt {Cents(delivery):+0;-0}c x{Tempo(delivery):0.##} a{delivery.Amplitude}");

    // The slt voice is a woman's; espeak-ng's pitch scale (0-99) is mapped around her natural pitch. Steps are
    // kept small: with a slow (tired) tempo an ASR round trip lost words at -530 cents, so a man's range is
    // compressed to about -490 at its lowest.
    private static int Cents(VoiceDelivery delivery)
    {
        var female = delivery.Variant.StartsWith('f') || delivery.Variant == "whisperf";
        return female ? (delivery.Pitch - 65) * 6 : -430 + ((delivery.Pitch - 40) * 3);
    }

    private static double Tempo(VoiceDelivery delivery) => Math.Clamp(delivery.WordsPerMinute / 165.0, 0.6, 1.6);

    /// <summary>
    /// festival reads Latin-1: typographic quotes and dashes become their ASCII forms and anything else outside
    /// Latin-1 (emoji, symbols) a space, rather than a '?' that festival would read aloud.
    /// </summary>
    internal static string Latin1(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '\u2018' or '\u2019' or '\u2032' => '\'',
                '\u201C' or '\u201D' or '\u2033' => '"',
                '\u2013' or '\u2014' => ',',
                '\u2026' => '.',
                _ when c <= '\u00FF' && !char.IsControl(c) => c,
                _ => ' ',
            });
        }

        return builder.ToString();
    }

    private async Task<bool> ProbeAsync()
    {
        try
        {
            var output = await ToolRun.RunAsync(
                options.FestivalExecutable,
                ["-b", $"(begin ({options.FestivalVoice}) (print 'ready))"],
                stdin: null,
                options.CallTimeout,
                "checking the festival voice",
                "install it with apt-get install festival festvox-us-slt-hts",
                CancellationToken.None);
            if (!System.Text.Encoding.UTF8.GetString(output).Contains("ready", StringComparison.Ordinal))
            {
                return false;
            }

            // sox reshapes every festival clip; without it festival is no use here.
            await ToolRun.RunAsync(
                options.SoxExecutable, ["--version"], stdin: null, options.CallTimeout, "checking sox", "install it with apt-get install sox", CancellationToken.None);
            return true;
        }
        catch (SpeechSynthesisException)
        {
            // Not installed or no such voice: English falls back to espeak-ng.
            return false;
        }
    }
}
