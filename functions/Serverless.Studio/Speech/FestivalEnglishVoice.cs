using System.Globalization;

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

    public async Task<PcmAudio> SpeakAsync(string text, VoiceDelivery delivery, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("festival-");
        try
        {
            var script = Path.Combine(folder.FullName, "line.txt");
            var raw = Path.Combine(folder.FullName, "line.wav");

            await File.WriteAllTextAsync(script, Latin1(text), System.Text.Encoding.Latin1, cancellationToken);
            await ToolRun.RunAsync(
                options.FestivalText2Wave,
                ["-o", raw, "-eval", $"({options.FestivalVoice})", script],
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
            return PcmAudio.FromWav(shaped);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

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
