using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CliWrap;

namespace Serverless.Studio.Tests.Speech;

/// <summary>Measures a WAV with ffmpeg's volumedetect, independently of the synthesizer's own WAV code.</summary>
internal static partial class WaveformProbe
{
    public static async Task<double> MeanVolumeDbAsync(byte[] wav)
    {
        var path = Path.Combine(Path.GetTempPath(), $"speech-{Guid.NewGuid():N}.wav");
        await File.WriteAllBytesAsync(path, wav);
        try
        {
            var stderr = new StringBuilder();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await Cli.Wrap("ffmpeg")
                .WithArguments(["-hide_banner", "-nostats", "-i", path, "-af", "volumedetect", "-f", "null", "-"])
                .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
                .ExecuteAsync(timeout.Token);
            var match = MeanVolume().Match(stderr.ToString());
            Assert.True(match.Success, $"volumedetect printed no mean volume: {stderr}");
            return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [GeneratedRegex(@"mean_volume:\s*(-?[0-9.]+|-inf) dB")]
    private static partial Regex MeanVolume();
}
