using System.Globalization;
using Serverless.Media.Graph;
using Serverless.Media.Rendering;

namespace Serverless.Media.Quality;

/// <summary>
/// Keeps voices level with each other: each clip's played part is measured (EBU R128 integrated loudness) and given the
/// gain that brings it to <see cref="TargetLufs"/> before the mix, so festival's and espeak-ng's voices, and loud and
/// quiet characters, sit at one level; the mix as a whole is then brought to the output's target by <see cref="SoundLeveler"/>.
/// A clip too short or too quiet to measure keeps its level.
/// </summary>
public sealed class VoiceLeveler(MediaOptions options)
{
    /// <summary>Speech level before the mix: loud enough to lead any music bed, with headroom for the final levelling.</summary>
    public const double TargetLufs = -20;

    /// <summary>Beyond this a clip is a whisper of noise, not a quiet voice.</summary>
    private const double MaxGainDb = 24;

    public async Task<IReadOnlyList<VoiceClip>> LevelAsync(IReadOnlyList<VoiceClip> voices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(voices);
        var leveled = new List<VoiceClip>(voices.Count);
        foreach (var voice in voices)
        {
            var loudness = await MeasureAsync(voice, cancellationToken);
            var gain = loudness.IsSilent ? 0 : Math.Clamp(TargetLufs - loudness.IntegratedLufs, -MaxGainDb, MaxGainDb);
            leveled.Add(voice with { GainDb = Math.Round(gain, 2) });
        }

        return leveled;
    }

    /// <summary>The loudness of the part of the clip the mix plays (from its offset, for its duration).</summary>
    public async Task<LoudnessMeasurement> MeasureAsync(VoiceClip voice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(voice);
        var trim = new List<string>();
        if (double.IsFinite(voice.ClipOffset) && voice.ClipOffset > 0)
        {
            trim.Add("start=" + FilterNumber.Format(voice.ClipOffset));
        }

        if (double.IsFinite(voice.Duration) && voice.Duration > 0)
        {
            trim.Add("duration=" + FilterNumber.Format(voice.Duration));
        }

        var filter = (trim.Count > 0 ? $"atrim={string.Join(':', trim)}," : "") + LoudnessMeasurement.Filter;
        var (_, log) = await FfmpegProcess.RunAsync(
            options, "ffmpeg", ["-hide_banner", "-nostats", "-i", voice.Audio, "-af", filter, "-f", "null", "-"], null, cancellationToken);
        return LoudnessMeasurement.Parse(log)
            ?? throw new RenderFailedException(string.Create(CultureInfo.InvariantCulture, $"ffmpeg measured no loudness for voice {voice.Source ?? voice.Audio}."));
    }
}
