using Serverless.Media.Rendering;

namespace Serverless.Media.Graph;

/// <summary>
/// The sound track: each voice clip placed at its start time, an optional music bed under them, ducked while
/// anyone speaks, all exactly as long as the video. Clips are summed without normalisation: amix's default would
/// halve every voice when two are present. Sound effects go on top of that mix, not ducked (a knock under a line is
/// meant to be heard). Whenever more than one source is summed (voices over music, two voices overlapping, effects)
/// the whole is held under <see cref="LimitLinear"/> by a look-ahead limiter, so the sum never clips; a lone
/// source passes as it is.
/// </summary>
internal static class VoiceMixFilter
{
    public const int SampleRate = 48000;

    /// <summary>-1 dBFS: room for the AAC encoder's overshoot above the limiter's ceiling.</summary>
    public const double LimitLinear = 0.891;

    private const string Format = "aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo";

    /// <param name="firstEffectInput">The input index of the first of <paramref name="effects"/>; they follow one another.</param>
    public static IEnumerable<string> Build(
        IReadOnlyList<VoiceClip> voices, int firstInputIndex, double durationSeconds, MusicBed? music, string output,
        IReadOnlyList<SoundEffectClip>? effects = null, int firstEffectInput = 0)
    {
        effects ??= [];
        var sources = voices.Count + (music is null ? 0 : 1) + effects.Count;
        if (sources <= 1 && effects.Count == 0)
        {
            foreach (var line in Mix(voices, firstInputIndex, durationSeconds, music, output))
            {
                yield return line;
            }

            yield break;
        }

        foreach (var line in Mix(voices, firstInputIndex, durationSeconds, music, "bed"))
        {
            yield return line;
        }

        var labels = new List<string>();
        for (var k = 0; k < effects.Count; k++)
        {
            var effect = effects[k];
            var trim = effect.MaxDurationSeconds is { } max && double.IsFinite(max) && max > 0
                ? $"atrim=duration={FilterNumber.Format(max)},asetpts=PTS-STARTPTS,"
                : "";
            var volume = Math.Clamp(double.IsFinite(effect.Volume) ? effect.Volume : 0, 0, 4);
            var delayMs = (long)Math.Round(Math.Max(0, double.IsFinite(effect.Start) ? effect.Start : 0) * 1000);
            var label = $"fx{k}";
            labels.Add(label);
            yield return $"[{firstEffectInput + k}:a]{trim}{Format},volume={FilterNumber.Format(volume)},adelay=delays={delayMs}:all=1[{label}]";
        }

        // The bed is exactly the video's length, so it sets the mix's; latency=true keeps the limiter's look-ahead
        // from shifting the sound against the pictures.
        var total = FilterNumber.Format(durationSeconds);
        var sum = labels.Count == 0
            ? "[bed]"
            : $"[bed]{string.Concat(labels.Select(l => $"[{l}]"))}amix=inputs={labels.Count + 1}:normalize=0:duration=first:dropout_transition=0,";
        yield return $"{sum}alimiter=limit={FilterNumber.Format(LimitLinear)}:level=false:latency=true,apad=whole_dur={total},atrim=duration={total}[{output}]";
    }

    /// <summary>A finished track (the levelled mix), fitted to the video's length.</summary>
    public static string Track(int inputIndex, double durationSeconds, string output)
    {
        var total = FilterNumber.Format(durationSeconds);
        return $"[{inputIndex}:a]{Format},apad=whole_dur={total},atrim=duration={total}[{output}]";
    }

    private static IEnumerable<string> Mix(IReadOnlyList<VoiceClip> voices, int firstInputIndex, double durationSeconds, MusicBed? music, string output)
    {
        var total = FilterNumber.Format(durationSeconds);
        var fit = $"apad=whole_dur={total},atrim=duration={total}";
        var musicInput = firstInputIndex + voices.Count;
        if (voices.Count == 0)
        {
            yield return music is null
                ? $"anullsrc=r={SampleRate}:cl=stereo,atrim=duration={total}[{output}]"
                : $"{Music(music, musicInput, durationSeconds)},{fit}[{output}]";
            yield break;
        }

        var labels = new List<string>();
        for (var k = 0; k < voices.Count; k++)
        {
            var voice = voices[k];
            var offset = double.IsFinite(voice.ClipOffset) && voice.ClipOffset > 0 ? $"start={FilterNumber.Format(voice.ClipOffset)}:" : "";
            var trim = double.IsFinite(voice.Duration) && voice.Duration > 0
                ? $"atrim={offset}duration={FilterNumber.Format(voice.Duration)},asetpts=PTS-STARTPTS,"
                : offset.Length > 0 ? $"atrim={offset.TrimEnd(':')},asetpts=PTS-STARTPTS," : "";
            var delayMs = (long)Math.Round(Math.Max(0, double.IsFinite(voice.Start) ? voice.Start : 0) * 1000);
            var gain = double.IsFinite(voice.GainDb) && voice.GainDb != 0 ? $"volume={FilterNumber.Format(voice.GainDb)}dB," : "";
            var label = $"voice{k}";
            labels.Add(label);
            yield return $"[{firstInputIndex + k}:a]{trim}{gain}{Format},adelay=delays={delayMs}:all=1[{label}]";
        }

        var mixed = labels.Count == 1
            ? $"[{labels[0]}]anull"
            : $"{string.Concat(labels.Select(l => $"[{l}]"))}amix=inputs={labels.Count}:normalize=0:duration=longest:dropout_transition=0";
        if (music is null)
        {
            yield return $"{mixed},{fit}[{output}]";
            yield break;
        }

        yield return $"{Music(music, musicInput, durationSeconds)}[music]";
        if (music.DuckUnderSpeech)
        {
            // The voices drive a compressor on the music: about -30 dB of speech pulls the bed down by up to
            // 8:1, quickly on the first syllable and back up over half a second after the line ends.
            yield return $"{mixed},{fit},asplit=2[speech][speechkey]";
            yield return "[music][speechkey]sidechaincompress=threshold=0.03:ratio=8:attack=20:release=500:makeup=1[ducked]";
            yield return $"[speech][ducked]amix=inputs=2:normalize=0:duration=first:dropout_transition=0,{fit}[{output}]";
        }
        else
        {
            yield return $"{mixed},{fit}[speech]";
            yield return $"[speech][music]amix=inputs=2:normalize=0:duration=first:dropout_transition=0,{fit}[{output}]";
        }
    }

    /// <summary>The bed, looped by its input (-stream_loop -1), cut to the video, set in level and faded at both ends.</summary>
    private static string Music(MusicBed music, int inputIndex, double durationSeconds)
    {
        var fadeIn = Math.Clamp(double.IsFinite(music.FadeInSeconds) ? music.FadeInSeconds : 0, 0, durationSeconds / 2);
        var fadeOut = Math.Clamp(double.IsFinite(music.FadeOutSeconds) ? music.FadeOutSeconds : 0, 0, durationSeconds / 2);
        var volume = Math.Clamp(double.IsFinite(music.Volume) ? music.Volume : 0, 0, 4);
        var chain = $"[{inputIndex}:a]{Format},atrim=duration={FilterNumber.Format(durationSeconds)},volume={FilterNumber.Format(volume)}";
        if (fadeIn > 0)
        {
            chain += $",afade=t=in:st=0:d={FilterNumber.Format(fadeIn)}";
        }

        if (fadeOut > 0)
        {
            chain += $",afade=t=out:st={FilterNumber.Format(durationSeconds - fadeOut)}:d={FilterNumber.Format(fadeOut)}";
        }

        return chain;
    }
}
