using System.Globalization;
using System.Text;

namespace Serverless.Studio.Speech;

/// <summary>
/// Offline speech with Debian's espeak-ng: Mandarin through <c>cmn-latn-pinyin</c>, Latin runs through an English
/// voice (festival's clearer HTS voice for all-English lines when installed), one stable voice per character,
/// rate/pitch/volume from the emotion. festival reports when each word is said; espeak-ng does not, so its lines carry
/// no word times (the worker fits their words to the voiced regions it finds). Stateless and safe to call in parallel:
/// each run is its own espeak-ng process fed through stdin, so text is never parsed as command-line options.
/// </summary>
public sealed class EspeakSpeechSynthesizer : ISpeechSynthesizer
{
    private readonly EspeakOptions _options;
    private readonly FestivalEnglishVoice _festival;

    // espeak-ng silently falls back to its default English voice when asked for one it lacks, which would read
    // Hanzi as gibberish without any error; so the configured voices are checked once, before the first line.
    private Task? _voiceCheck;

    public EspeakSpeechSynthesizer(EspeakOptions? options = null)
    {
        _options = options ?? new EspeakOptions();
        _festival = new FestivalEnglishVoice(_options);
    }

    public async Task<SpeechClip> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken = default)
    {
        var (delivery, runs) = Plan(request);
        if (runs.All(r => r.Language == SpokenLanguage.English) && await _festival.IsAvailableAsync(cancellationToken))
        {
            var (english, words) = await _festival.SpeakAsync(request.Text.Trim(), delivery, cancellationToken);
            if (english.Samples.Length > 0)
            {
                return new SpeechClip(english.ToWav(), english.DurationSeconds, FestivalEnglishVoice.Describe(delivery), words.Count > 0 ? words : null);
            }
        }

        await EnsureVoicesInstalledAsync(cancellationToken);
        var parts = new List<PcmAudio>();
        foreach (var run in runs)
        {
            var wav = await SpeakAsync(VoiceFor(run.Language, delivery), delivery, run.Text, phonemes: false, cancellationToken);
            var audio = PcmAudio.FromWav(wav);
            if (runs.Count > 1)
            {
                audio = audio.TrimSilence();
                if (parts.Count > 0)
                {
                    parts.Add(new PcmAudio(new short[(int)(_options.RunGap.TotalSeconds * audio.SampleRate)], audio.SampleRate));
                }
            }

            parts.Add(audio);
        }

        var line = PcmAudio.Concat(parts);
        if (line.Samples.Length == 0)
        {
            throw new SpeechSynthesisException($"espeak-ng produced no audio for \"{request.Text}\".");
        }

        return new SpeechClip(line.ToWav(), line.DurationSeconds, delivery.Describe());
    }

    /// <summary>
    /// The phonemes espeak-ng speaks for the request (<c>-x</c>), run by run, with the same voices as
    /// <see cref="SynthesizeAsync"/>: shows whether Hanzi are read as Mandarin syllables with tones.
    /// </summary>
    public async Task<string> PhonemesAsync(SpeechRequest request, CancellationToken cancellationToken = default)
    {
        var (delivery, runs) = Plan(request);
        await EnsureVoicesInstalledAsync(cancellationToken);
        var phonemes = new StringBuilder();
        foreach (var run in runs)
        {
            var output = await SpeakAsync(VoiceFor(run.Language, delivery), delivery, run.Text, phonemes: true, cancellationToken);
            phonemes.Append(Encoding.UTF8.GetString(output).Trim()).Append('\n');
        }

        return phonemes.ToString();
    }

    private Task EnsureVoicesInstalledAsync(CancellationToken cancellationToken)
    {
        var check = Volatile.Read(ref _voiceCheck);
        if (check is null || check.IsFaulted || check.IsCanceled)
        {
            // A racing caller may start a second check; both are harmless and the last one is kept.
            check = CheckVoicesAsync();
            Volatile.Write(ref _voiceCheck, check);
        }

        return check.WaitAsync(cancellationToken);
    }

    private async Task CheckVoicesAsync()
    {
        var listing = await ToolRun.RunAsync(
            _options.Executable, ["--voices"], stdin: null, _options.CallTimeout, "listing voices", InstallHint, CancellationToken.None);
        var languages = Encoding.UTF8.GetString(listing)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(columns => columns.Length > 1)
            .Select(columns => columns[1])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = new[] { _options.MandarinVoice, _options.EnglishVoice }.Where(v => !languages.Contains(v)).ToArray();
        if (missing.Length > 0)
        {
            throw new SpeechSynthesisException(
                $"espeak-ng has no voice {string.Join(" or ", missing)}; it would silently speak with its default voice instead.");
        }
    }

    private static (VoiceDelivery Delivery, IReadOnlyList<SpokenRun> Runs) Plan(SpeechRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            throw new ArgumentException("Speech text is empty: there is nothing to say.", nameof(request));
        }

        var voice = CharacterVoice.Cast(request.Character, request.CharacterAttributes ?? [], request.VoiceId);
        var delivery = voice.Deliver(EmotionProsody.For(request.Emotion));
        return (delivery, SpokenRun.Split(request.Text.Trim()));
    }

    private string VoiceFor(SpokenLanguage language, VoiceDelivery delivery) =>
        (language == SpokenLanguage.English ? _options.EnglishVoice : _options.MandarinVoice) + "+" + delivery.Variant;

    private Task<byte[]> SpeakAsync(
        string voice, VoiceDelivery delivery, string text, bool phonemes, CancellationToken cancellationToken)
    {
        List<string> arguments =
        [
            "-v", voice,
            "-s", delivery.WordsPerMinute.ToString(CultureInfo.InvariantCulture),
            "-p", delivery.Pitch.ToString(CultureInfo.InvariantCulture),
            "-a", delivery.Amplitude.ToString(CultureInfo.InvariantCulture),
            "-b", "1",
        ];
        arguments.AddRange(phonemes ? ["-q", "-x"] : ["--stdout"]);
        arguments.Add("--stdin");
        return ToolRun.RunAsync(
            _options.Executable, arguments, text, _options.TimeoutFor(text), $"voice {voice}, {text.Length} characters", InstallHint, cancellationToken);
    }

    private const string InstallHint = "install it with apt-get install espeak-ng";
}
