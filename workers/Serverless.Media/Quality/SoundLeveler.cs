using System.Text;
using Serverless.Media.Graph;
using Serverless.Media.Rendering;

namespace Serverless.Media.Quality;

/// <summary>The render's sound track, levelled: where it is, how the mix measured before and after, and the gain applied.</summary>
public sealed record LeveledSound(string Path, LoudnessMeasurement Mix, LoudnessMeasurement Leveled, double GainDb);

/// <summary>
/// Brings the mix to the output's loudness target before the pictures are encoded: the sound graph alone is summed into
/// a float WAV and measured on the way (EBU R128), then one gain plus a true-peak limiter (4x oversampled) is applied and
/// measured again; a final render corrects the gain by what the limiter took off (at most three more passes). Measure-then-gain rather
/// than loudnorm: loudnorm's dynamic mode pumps speech, and its linear mode gives up on any mix whose peaks need
/// limiting. Each pass is audio only (a fraction of a second for a minute of sound), and the video run then maps the
/// levelled track as it is, so the pictures are encoded once.
/// </summary>
internal sealed class SoundLeveler(MediaOptions options)
{
    public const string MixFile = "mix.wav";
    public const string SoundFile = "sound.wav";
    private const string GraphFile = "sound-graph.txt";

    /// <summary>
    /// Room under the true-peak ceiling for what the AAC encoder and the last resampling add to the limited peaks
    /// (measured about 0.3 dB on speech; the self-check reads the encoded file).
    /// </summary>
    public const double EncoderHeadroomDb = 1.0;

    /// <summary>A levelled mix this close to the target is left as it is.</summary>
    private const double CloseEnoughLu = 0.1;

    /// <summary>Levelling passes after the first, for finals: each reads the whole track once more (audio only).</summary>
    private const int MaxCorrections = 3;

    /// <summary>Beyond this a track is noise or hiss brought up, not a quiet mix.</summary>
    private const double MaxGainDb = 40;

    public static bool HasSound(RenderRequest request) =>
        request.Voices.Count > 0 || request.Music is not null || (request.SoundEffects?.Count ?? 0) > 0;

    public async Task<LeveledSound> LevelAsync(RenderRequest request, double durationSeconds, LoudnessTarget target, CancellationToken cancellationToken)
    {
        var work = request.WorkDirectory;
        var effects = request.SoundEffects ?? [];
        var arguments = new List<string> { "-hide_banner", "-nostats", "-y" };
        foreach (var voice in request.Voices)
        {
            arguments.AddRange(["-i", voice.Audio]);
        }

        if (request.Music is not null)
        {
            arguments.AddRange(["-stream_loop", "-1", "-i", request.Music.Path]);
        }

        foreach (var effect in effects)
        {
            arguments.AddRange(["-i", effect.Path]);
        }

        // The same sound graph the video run would have built, on inputs numbered from 0: voices, music, effects.
        var firstEffect = request.Voices.Count + (request.Music is null ? 0 : 1);
        var lines = VoiceMixFilter.Build(request.Voices, 0, durationSeconds, request.Music, "mixed", effects, firstEffect).ToList();
        lines.Add($"[mixed]{LoudnessMeasurement.Filter}[measured]");
        await File.WriteAllTextAsync(Path.Combine(work, GraphFile), string.Join(";\n", lines) + "\n", new UTF8Encoding(false), cancellationToken);
        arguments.AddRange(["-filter_complex_script", GraphFile, "-map", "[measured]", "-c:a", "pcm_f32le", MixFile]);
        var mix = await MeasureAsync(arguments, work, cancellationToken);
        if (mix.IsSilent)
        {
            // Nothing to bring up: a silent track stays silent rather than amplified noise.
            return new LeveledSound(Path.GetFullPath(Path.Combine(work, MixFile)), mix, mix, 0);
        }

        var gain = target.Lufs - mix.IntegratedLufs;
        var leveled = await ApplyAsync(gain, target, work, cancellationToken);

        // More gain means more limiting, so the loudness rises by less than the gain: after the first correction the
        // step follows the measured slope (a secant step), which lands within 0.1 LU in one or two more passes.
        var (previousGain, previousLufs) = (0.0, mix.IntegratedLufs);
        for (var pass = 0; target.Exact && pass < MaxCorrections && Math.Abs(target.Lufs - leveled.IntegratedLufs) > CloseEnoughLu; pass++)
        {
            var slope = pass == 0 ? 1 : Math.Clamp((leveled.IntegratedLufs - previousLufs) / (gain - previousGain), 0.2, 1);
            (previousGain, previousLufs) = (gain, leveled.IntegratedLufs);
            gain = Math.Min(MaxGainDb, gain + (target.Lufs - leveled.IntegratedLufs) / slope);
            leveled = await ApplyAsync(gain, target, work, cancellationToken);
        }

        return new LeveledSound(Path.GetFullPath(Path.Combine(work, SoundFile)), mix, leveled, gain);
    }

    /// <summary>The gain and limiter of a levelling pass, as one filter chain (also used to fix an encoded track).</summary>
    public static string Chain(double gainDb, double truePeakDb)
    {
        var limit = Math.Clamp(Math.Pow(10, (truePeakDb - EncoderHeadroomDb) / 20), 0.0625, 1);
        return $"volume={FilterNumber.Format(Math.Round(gainDb, 2))}dB,aresample=192000," +
               $"alimiter=limit={FilterNumber.Format(Math.Round(limit, 4))}:level=false:latency=true,aresample={VoiceMixFilter.SampleRate}";
    }

    private Task<LoudnessMeasurement> ApplyAsync(double gainDb, LoudnessTarget target, string work, CancellationToken cancellationToken) =>
        MeasureAsync(
            ["-hide_banner", "-nostats", "-y", "-i", MixFile, "-af", $"{Chain(gainDb, target.TruePeakDb)},{LoudnessMeasurement.Filter}", "-c:a", "pcm_f32le", SoundFile],
            work, cancellationToken);

    private async Task<LoudnessMeasurement> MeasureAsync(IReadOnlyList<string> arguments, string work, CancellationToken cancellationToken)
    {
        var (_, log) = await FfmpegProcess.RunAsync(options, "ffmpeg", arguments, work, cancellationToken);
        return LoudnessMeasurement.Parse(log) ?? throw new RenderFailedException("ffmpeg measured no loudness for the sound track.");
    }
}
