using Serverless.Contracts.Rendering;

namespace Serverless.Media.Graph;

/// <summary>
/// Places each voice clip at its start time and mixes them into one track exactly as long as the video.
/// Clips are summed without normalisation: amix's default would halve every voice when two are present.
/// </summary>
internal static class VoiceMixFilter
{
    public const int SampleRate = 48000;

    public static IEnumerable<string> Build(IReadOnlyList<RenderVoice> voices, int firstInputIndex, double durationSeconds, string output)
    {
        var total = FilterNumber.Format(durationSeconds);
        if (voices.Count == 0)
        {
            yield return $"anullsrc=r={SampleRate}:cl=stereo,atrim=duration={total}[{output}]";
            yield break;
        }

        var labels = new List<string>();
        for (var k = 0; k < voices.Count; k++)
        {
            var voice = voices[k];
            var trim = double.IsFinite(voice.Duration) && voice.Duration > 0 ? $"atrim=duration={FilterNumber.Format(voice.Duration)}," : "";
            var delayMs = (long)Math.Round(Math.Max(0, double.IsFinite(voice.Start) ? voice.Start : 0) * 1000);
            var label = $"voice{k}";
            labels.Add(label);
            yield return $"[{firstInputIndex + k}:a]{trim}aformat=sample_fmts=fltp:sample_rates={SampleRate}:channel_layouts=stereo,adelay=delays={delayMs}:all=1[{label}]";
        }

        var mixed = labels.Count == 1
            ? $"[{labels[0]}]anull"
            : $"{string.Concat(labels.Select(l => $"[{l}]"))}amix=inputs={labels.Count}:normalize=0:duration=longest:dropout_transition=0";
        yield return $"{mixed},apad=whole_dur={total},atrim=duration={total}[{output}]";
    }
}
