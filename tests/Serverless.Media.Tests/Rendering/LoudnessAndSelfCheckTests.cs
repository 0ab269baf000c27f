using Xunit.Abstractions;
using System.Globalization;
using System.Text.RegularExpressions;
using Serverless.Media.Probing;
using Serverless.Media.Quality;
using Serverless.Media.Rendering;
using Serverless.Media.Tests.Fixtures;

namespace Serverless.Media.Tests.Rendering;

/// <summary>
/// Issue 13: the mix is brought to the platform's loudness (douyin -14 LUFS, bilibili -16) with true peak at or under
/// -1 dBTP, as ffmpeg's own <c>ebur128=peak=true</c> reads the delivered file; and the self-check reports every check,
/// catches black and frozen stretches nobody asked for, and fixes a quiet track without encoding the pictures again.
/// </summary>
public sealed partial class LoudnessAndSelfCheckTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly MediaOptions _options = new();

    [Theory]
    [InlineData(-14.0)]
    [InlineData(-16.0)]
    public async Task The_delivered_mix_meets_the_presets_loudness_and_true_peak(double targetLufs)
    {
        var work = _folder.Path;
        var stills = await TestMedia.StillsAsync(work, 360, 640);
        var voice = await TestMedia.SpeechAsync(work, "in-voice.wav", "jin1 tian1 tian1 qi4 hen3 hao3, wo3 men5 qu4 gong1 yuan2 ba5");
        // A quiet bed under a quiet voice: about -20 LUFS before levelling, far from either target.
        var music = Path.Combine(work, "in-music.wav");
        await Tool.RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "aevalsrc=0.05*sin(2*PI*220*t):s=48000:d=6", music);
        var sample = SampleRequests.Small(stills, voice, 2.5, work);
        var request = sample with
        {
            Output = sample.Output with { Loudness = new LoudnessTarget(targetLufs, -1), MaxRateKbps = 1500, SafeArea = new SafeMargins(0.1, 0.22, 0.06, 0.15) },
            Music = new MusicBed(music, Volume: 0.3),
        };

        var result = await new FfmpegVideoRenderer(_options, new MediaProbe(_options)).RenderAsync(request, null, CancellationToken.None);
        var (integrated, truePeak) = await MeasureAsync(result.VideoPath);
        output.WriteLine($"mix {result.Sound!.Mix.IntegratedLufs} LUFS / {result.Sound.Mix.TruePeakDb} dBTP, gain {result.Sound.GainDb:0.00} dB, levelled {result.Sound.Leveled.IntegratedLufs} LUFS / {result.Sound.Leveled.TruePeakDb} dBTP; delivered {integrated} LUFS / {truePeak} dBTP; render {result.Elapsed.TotalSeconds:0.00} s");

        Assert.True(Math.Abs(integrated - targetLufs) <= 0.5, $"{integrated} LUFS against {targetLufs}");
        Assert.True(truePeak <= -1, $"true peak {truePeak} dBTP");
        Assert.True(result.Sound!.Mix.IntegratedLufs < targetLufs - 3, $"the mix was already at {result.Sound.Mix.IntegratedLufs} LUFS");

        var checking = System.Diagnostics.Stopwatch.StartNew();
        var report = await new VideoSelfCheck(_options).CheckAsync(request, result, CancellationToken.None);
        output.WriteLine($"self-check {checking.Elapsed.TotalSeconds:0.00} s: {string.Join("; ", report.Checks.Select(c => $"{c.Key}={c.Value.Value}"))}");
        Assert.True(report.Passed, report.Failures);
        Assert.Equal(
            ["av_offset", "black_frames", "clipping", "duration", "frozen_frames", "loudness", "subtitles_in_safe_area", "true_peak"],
            report.Checks.Keys.Order());
        Assert.False(report.Checks[SelfCheckNames.Loudness].Fixed);
        Assert.Equal(6, report.Checks[SelfCheckNames.Duration].Value!.Value, 2);
        // The subtitles were lifted to the covered strip's edge: 22 % of 640 px.
        Assert.Equal(0, report.Checks[SelfCheckNames.SubtitlesInSafeArea].Value);
    }

    [Fact]
    public async Task Black_and_frozen_stretches_nobody_asked_for_fail_the_check()
    {
        var work = _folder.Path;
        var video = Path.Combine(work, "holes.mp4");
        await Tool.RunAsync("ffmpeg", "-v", "error", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=360x640:rate=30:duration=2,format=yuv420p[a];color=c=black:size=360x640:rate=30:duration=1.5,format=yuv420p[b];" +
                                 "color=c=gray:size=360x640:rate=30:duration=2.5,format=yuv420p[c];[a][b][c]concat=n=3[out0]",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=6",
            "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", video);
        var request = Request(work, CameraMotion.ZoomIn);

        var report = await new VideoSelfCheck(_options).CheckAsync(request, Result(video, sound: null), CancellationToken.None);

        Assert.False(report.Passed);
        Assert.False(report.Checks[SelfCheckNames.BlackFrames].Passed);
        Assert.InRange(report.Checks[SelfCheckNames.BlackFrames].Value!.Value, 1.3, 1.7);
        Assert.False(report.Checks[SelfCheckNames.FrozenFrames].Passed);
        Assert.True(report.Checks[SelfCheckNames.Duration].Passed, report.Checks[SelfCheckNames.Duration].Detail);
        Assert.Contains("black_frames", report.Failures);

        // The same pictures where the storyboard holds its last two shots still: only the black stays a fault.
        var stills = await new VideoSelfCheck(_options).CheckAsync(Request(work, CameraMotion.Still), Result(video, sound: null), CancellationToken.None);
        Assert.True(stills.Checks[SelfCheckNames.FrozenFrames].Passed, stills.Checks[SelfCheckNames.FrozenFrames].Detail);
        Assert.False(stills.Checks[SelfCheckNames.BlackFrames].Passed);
    }

    [Fact]
    public async Task A_quiet_track_is_fixed_once_from_the_mix_and_reported_as_fixed()
    {
        var work = _folder.Path;
        var video = Path.Combine(work, "quiet.mp4");
        await Tool.RunAsync("ffmpeg", "-v", "error", "-y",
            "-f", "lavfi", "-i", "testsrc2=size=360x640:rate=30:duration=6",
            "-f", "lavfi", "-i", "aevalsrc=0.02*sin(2*PI*440*t):s=48000:d=6:c=stereo",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", video);
        await Tool.RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "aevalsrc=0.02*sin(2*PI*440*t):s=48000:d=6:c=stereo",
            "-c:a", "pcm_f32le", Path.Combine(work, "mix.wav"));
        var quiet = new LoudnessMeasurement(-37, -34, -34);
        var sound = new LeveledSound(Path.Combine(work, "sound.wav"), quiet, quiet, 0);
        var request = Request(work, CameraMotion.ZoomIn) with { Output = new VideoOutput { Width = 360, Height = 640, Loudness = new LoudnessTarget(-14, -1) } };
        var videoBefore = await VideoPacketsAsync(video);

        var report = await new VideoSelfCheck(_options).CheckAsync(request, Result(video, sound), CancellationToken.None);

        var loudness = report.Checks[SelfCheckNames.Loudness];
        Assert.True(loudness.Passed && loudness.Fixed, loudness.Detail);
        var (integrated, truePeak) = await MeasureAsync(video);
        Assert.True(Math.Abs(integrated + 14) <= 0.5 && truePeak <= -1, $"{integrated} LUFS, {truePeak} dBTP after the fix");
        Assert.Equal(videoBefore, await VideoPacketsAsync(video));
    }

    private static RenderRequest Request(string work, CameraMotion laterShots) => new(
        new VideoOutput { Width = 360, Height = 640 },
        [
            new ShotClip { Image = "a.png", Duration = 2, Motion = CameraMotion.ZoomIn },
            new ShotClip { Image = "b.png", Duration = 2, Motion = laterShots },
            new ShotClip { Image = "c.png", Duration = 2, Motion = laterShots },
        ],
        [],
        work);

    private static RenderResult Result(string video, LeveledSound? sound) => new(video, "", null, null, 6, TimeSpan.Zero, sound);

    /// <summary>The video packets' sizes and timestamps: equal lists mean the pictures were copied, not encoded again.</summary>
    private static async Task<string> VideoPacketsAsync(string video) =>
        (await Tool.RunAsync("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts,size", "-of", "csv=p=0", video)).StdOut;

    /// <summary>What a platform's checker would read: ffmpeg's ebur128 with true peak, on the delivered file.</summary>
    public static async Task<(double Integrated, double TruePeak)> MeasureAsync(string video)
    {
        var (_, log) = await Tool.RunAsync("ffmpeg", "-hide_banner", "-nostats", "-i", video, "-vn", "-af", "ebur128=peak=true", "-f", "null", "-");
        var summary = log[log.LastIndexOf("Summary:", StringComparison.Ordinal)..];
        return (
            double.Parse(IntegratedLine().Match(summary).Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(PeakLine().Match(summary).Groups[1].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"I:\s+(-?[\d.]+) LUFS")]
    private static partial Regex IntegratedLine();

    [GeneratedRegex(@"True peak:\s+Peak:\s+(-?[\d.]+) dBFS")]
    private static partial Regex PeakLine();

    public void Dispose() => _folder.Dispose();
}
