using System.Globalization;
using System.Text.RegularExpressions;
using Serverless.Media.Speech;
using Serverless.Media.Tests.Fixtures;
using Serverless.Testing;

namespace Serverless.Media.Tests.Speech;

/// <summary>The Silero VAD model on real espeak-ng speech, against ffmpeg's silencedetect as the reference.</summary>
public sealed partial class SileroVadTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SileroVad _vad = new(SourceTree.SileroVadModel(), new MediaOptions());

    [Fact]
    public async Task Speech_is_found_within_100_ms_of_its_real_bounds()
    {
        var speech = await TestMedia.SpeechAsync(_folder.Path, "speech.wav", SampleJobs.VoiceText);
        var clip = _folder.File("padded.wav");
        await Tool.RunAsync("ffmpeg", "-v", "error", "-y", "-i", speech, "-af", "adelay=delays=1200:all=1,apad=pad_dur=1.3", clip);
        var (start, end) = await SpeechBoundsAsync(clip);

        var segments = await _vad.DetectAsync(clip);

        Assert.NotEmpty(segments);
        Assert.InRange(segments[0].Start, start - 0.1, start + 0.1);
        Assert.InRange(segments[^1].End, end - 0.1, end + 0.1);
    }

    [Fact]
    public async Task Silence_holds_no_speech()
    {
        var silence = _folder.File("silence.wav");
        await Tool.RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "anullsrc=r=22050:cl=mono", "-t", "3", silence);

        Assert.Empty(await _vad.DetectAsync(silence));
    }

    /// <summary>Where silencedetect says the sound starts and stops: the end of the first silence, the start of the last.</summary>
    private static async Task<(double Start, double End)> SpeechBoundsAsync(string clip)
    {
        var (_, log) = await Tool.RunAsync("ffmpeg", "-hide_banner", "-i", clip, "-af", "silencedetect=noise=-50dB:d=0.3", "-f", "null", "-");
        var ends = SilenceEnd().Matches(log).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        var starts = SilenceStart().Matches(log).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.True(ends.Count > 0 && starts.Count > 1, log);
        return (ends[0], starts[^1]);
    }

    [GeneratedRegex(@"silence_end: ([0-9.]+)")]
    private static partial Regex SilenceEnd();

    [GeneratedRegex(@"silence_start: ([0-9.]+)")]
    private static partial Regex SilenceStart();

    public void Dispose()
    {
        _vad.Dispose();
        _folder.Dispose();
    }
}
