using System.Globalization;
using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;

namespace Serverless.Studio.Catalog;

/// <summary>How long a catalog file plays and how loud it is (EBU R128 integrated loudness).</summary>
public sealed record AudioMeasure(double DurationSeconds, double LoudnessLufs);

/// <summary>
/// Measures catalog audio with ffprobe and ffmpeg's ebur128 filter, so music can be levelled to a target loudness
/// under speech whatever its mastering (a loud track is turned down more than a quiet one).
/// </summary>
public static partial class AudioProbe
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <returns>The measure, or null when ffmpeg cannot read the file as audio.</returns>
    public static async Task<AudioMeasure?> MeasureAsync(string path, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        var probe = await Cli.Wrap("ffprobe")
            .WithArguments(["-v", "error", "-show_entries", "format=duration", "-of", "default=noprint_wrappers=1:nokey=1", path])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(limit.Token);
        if (probe.ExitCode != 0 || !double.TryParse(probe.StandardOutput.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var duration))
        {
            return null;
        }

        var loudness = await Cli.Wrap("ffmpeg")
            .WithArguments(["-hide_banner", "-nostats", "-i", path, "-vn", "-af", "ebur128=framelog=verbose", "-f", "null", "-"])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(limit.Token);
        var integrated = IntegratedLoudness().Matches(loudness.StandardError).LastOrDefault();
        return loudness.ExitCode == 0 && integrated is not null
            && double.TryParse(integrated.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var lufs)
            ? new AudioMeasure(duration, lufs)
            : null;
    }

    // framelog=verbose keeps the per-frame lines below the default log level; the summary ebur128 prints last: "Integrated loudness:\n    I:         -23.0 LUFS".
    [GeneratedRegex(@"I:\s+(-?\d+(?:\.\d+)?|-inf)\s+LUFS")]
    private static partial Regex IntegratedLoudness();
}
