using System.Globalization;
using System.Text.RegularExpressions;
using Serverless.Media.Graph;
using Serverless.Media.Probing;
using Serverless.Media.Rendering;
using Serverless.Media.Tests.Fixtures;
using Serverless.Media.Timeline;

namespace Serverless.Media.Tests.Rendering;

/// <summary>
/// Sound effects on the sound track, measured in the rendered file: the effect is a 3 kHz burst, found through a
/// band-pass filter, over a loud 220 Hz bed, so effect and bed together would pass full scale without the limiter.
/// </summary>
public sealed partial class SoundEffectsTests : IDisposable
{
    private const double EffectHertz = 3000;
    private static readonly string[] Images = ["0.png", "1.png", "2.png"];
    private readonly TempFolder _folder = new();
    private readonly MediaProbe _probe;
    private readonly FfmpegVideoRenderer _renderer;

    public SoundEffectsTests()
    {
        var options = new MediaOptions();
        _probe = new MediaProbe(options);
        _renderer = new FfmpegVideoRenderer(options, _probe);
    }

    [Fact]
    public void Effects_are_read_after_the_other_inputs_delayed_to_their_start_and_limited_with_the_mix()
    {
        var effects = new[] { new SoundEffectClip("a.wav", 2, 0.7), new SoundEffectClip("b.wav", 4.5, 1, MaxDurationSeconds: 1.25) };
        var music = new MusicBed("m.wav");
        var watermark = new Watermark(null, "mark.png", WatermarkPosition.TopRight, 0.5);
        var job = SampleRequests.Small(Images, "v.wav", 1.5) with { Music = music, Watermark = watermark, SoundEffects = effects };

        var graph = RenderGraph.Build(job, RenderTimeline.Plan(job.Shots, 30), null, "/fonts").Script;

        // 3 stills, 1 voice, the music (4), the watermark (5), then the effects (6, 7).
        Assert.Contains("[6:a]aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,volume=0.7,adelay=delays=2000:all=1[fx0]", graph);
        Assert.Contains("[7:a]atrim=duration=1.25,asetpts=PTS-STARTPTS,", graph);
        Assert.Contains("volume=1,adelay=delays=4500:all=1[fx1]", graph);
        Assert.Contains("[bed][fx0][fx1]amix=inputs=3:normalize=0:duration=first", graph);
        Assert.Contains("alimiter=limit=0.891:level=false:latency=true,apad=whole_dur=6,atrim=duration=6[aout]", graph);
        Assert.DoesNotContain("sidechaincompress=threshold=0.03:ratio=8:attack=20:release=500:makeup=1[ducked];\n[fx", graph);
    }

    [Fact]
    public void A_lone_voice_is_not_limited()
    {
        var job = SampleRequests.Small(Images, "v.wav", 1.5) with { SoundEffects = [] };

        var graph = RenderGraph.Build(job, RenderTimeline.Plan(job.Shots, 30), null, "/fonts").Script;

        Assert.DoesNotContain("alimiter", graph);
        Assert.DoesNotContain("[bed]", graph);
    }

    [Fact]
    public async Task An_effect_at_two_seconds_is_heard_from_two_seconds_and_the_mix_never_clips()
    {
        var work = _folder.Path;
        var stills = await TestMedia.StillsAsync(work, 360, 640);

        // The voice speaks from 3.5 s, after the effect has started, so nothing but the effect begins at 2.0 s.
        var voice = await TestMedia.SpeechAsync(work, "in-voice.wav", SampleJobs.VoiceText);
        var music = Path.Combine(work, "in-music.wav");
        await Tool.RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "aevalsrc=0.9*sin(2*PI*220*t):s=48000:d=2", music);
        var effect = Path.Combine(work, "in-knock.wav");
        await Tool.RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", $"aevalsrc=0.99*sin(2*PI*{EffectHertz}*t):s=48000:d=0.6", effect);

        var seconds = (await _probe.AnalyseAsync(voice)).Duration.TotalSeconds;
        var job = SampleRequests.Small(stills, voice, Math.Min(seconds, 2.4), work, subtitles: false);
        var request = job with
        {
            Voices = [job.Voices[0] with { Start = 3.5 }],
            Music = new MusicBed(music, Volume: 1, FadeInSeconds: 0, FadeOutSeconds: 0, DuckUnderSpeech: false),
            SoundEffects = [new SoundEffectClip(effect, 2.0, 1)],
        };

        var video = (await _renderer.RenderAsync(request, null, CancellationToken.None)).VideoPath;

        var onset = await OnsetAsync(video, EffectHertz);
        Assert.True(Math.Abs(onset - 2.0) <= 0.05, $"the effect's energy starts at {onset:F3} s, not within 50 ms of 2.0 s");
        var peak = await PeakDecibelsAsync(video);
        Assert.True(peak < 0, $"the mix peaks at {peak:F2} dBFS");
    }

    /// <summary>The first 5 ms window whose energy in a narrow band around <paramref name="hertz"/> passes -30 dBFS.</summary>
    internal static async Task<double> OnsetAsync(string video, double hertz)
    {
        const int rate = 48000;
        const int window = rate / 200;
        var pcm = await Tool.RunBinaryAsync("ffmpeg", "-v", "error", "-i", video, "-vn",
            "-af", $"bandpass=f={hertz.ToString(CultureInfo.InvariantCulture)}:width_type=q:w=10", "-ac", "1", "-ar", $"{rate}", "-f", "f32le", "-");
        var samples = new float[pcm.Length / 4];
        Buffer.BlockCopy(pcm, 0, samples, 0, samples.Length * 4);
        var threshold = Math.Pow(10, -30 / 20.0);
        for (var start = 0; start + window <= samples.Length; start += window)
        {
            var sum = 0.0;
            for (var i = start; i < start + window; i++)
            {
                sum += samples[i] * samples[i];
            }

            if (Math.Sqrt(sum / window) > threshold)
            {
                return (double)start / rate;
            }
        }

        throw new Xunit.Sdk.XunitException($"no energy at {hertz} Hz anywhere in {video}");
    }

    internal static async Task<double> PeakDecibelsAsync(string video)
    {
        var (_, log) = await Tool.RunAsync("ffmpeg", "-hide_banner", "-i", video, "-vn", "-af", "astats=measure_perchannel=none", "-f", "null", "-");
        var match = PeakLevel().Match(log);
        Assert.True(match.Success, $"astats printed no peak level: {log}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"Peak level dB: (-?[0-9.]+|-inf)")]
    private static partial Regex PeakLevel();

    public void Dispose() => _folder.Dispose();
}
