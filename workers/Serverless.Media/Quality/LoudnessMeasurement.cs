using System.Globalization;
using System.Text.RegularExpressions;

namespace Serverless.Media.Quality;

/// <summary>
/// An EBU R128 reading of a whole programme (ffmpeg's <c>ebur128=peak=true+sample</c> summary): integrated loudness in
/// LUFS, true peak in dBTP, sample peak in dBFS. Silence reads -70 LUFS (the absolute gate) and -inf peaks.
/// </summary>
public sealed partial record LoudnessMeasurement(double IntegratedLufs, double TruePeakDb, double SamplePeakDb)
{
    /// <summary>Below this there is nothing to level: the gate's floor, or a track of near silence.</summary>
    public const double SilenceLufs = -60;

    /// <summary>The filter, summary only: per-frame lines go to the verbose log, which the runs do not print.</summary>
    public const string Filter = "ebur128=peak=true+sample:framelog=verbose";

    public bool IsSilent => IntegratedLufs <= SilenceLufs;

    /// <summary>Reads the last summary in an ffmpeg log; null when the log holds none.</summary>
    public static LoudnessMeasurement? Parse(string log)
    {
        var summary = log.LastIndexOf("Summary:", StringComparison.Ordinal);
        if (summary < 0)
        {
            return null;
        }

        var text = log[summary..];
        var integrated = Integrated().Match(text);
        var sample = Peak("Sample peak:").Match(text);
        var truePeak = Peak("True peak:").Match(text);
        if (!integrated.Success || !truePeak.Success)
        {
            return null;
        }

        return new LoudnessMeasurement(
            Number(integrated.Groups[1].Value),
            Number(truePeak.Groups[1].Value),
            sample.Success ? Number(sample.Groups[1].Value) : double.NaN);
    }

    private static double Number(string text) =>
        text.Contains("inf", StringComparison.OrdinalIgnoreCase)
            ? double.NegativeInfinity
            : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"I:\s+(-?[\d.]+|-?inf)\s+LUFS")]
    private static partial Regex Integrated();

    private static Regex Peak(string heading) => new(Regex.Escape(heading) + @"\s+Peak:\s+(-?[\d.]+|-?inf)\s+dBFS");
}
