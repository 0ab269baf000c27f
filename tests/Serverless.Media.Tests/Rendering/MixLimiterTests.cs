using Serverless.Media.Graph;
using Serverless.Media.Probing;
using Serverless.Media.Rendering;
using Serverless.Media.Tests.Fixtures;
using Serverless.Media.Timeline;

namespace Serverless.Media.Tests.Rendering;

/// <summary>
/// Voices over music with no sound effects: the sum is limited too. The "voice" is a 3 kHz tone at 0.9 over a 220 Hz
/// bed at 0.9, so unlimited the two would reach about +5 dBFS; the voice's band is read apart from the bed's to
/// check the limiter's look-ahead is compensated.
/// </summary>
public sealed class MixLimiterTests : IDisposable
{
    private const double VoiceHertz = 3000;
    private static readonly string[] Images = ["0.png", "1.png", "2.png"];
    private readonly TempFolder _folder = new();
    private readonly FfmpegVideoRenderer _renderer;

    public MixLimiterTests()
    {
        var options = new MediaOptions();
        _renderer = new FfmpegVideoRenderer(options, new MediaProbe(options));
    }

    [Fact]
    public void Voices_over_music_are_limited_without_any_effect()
    {
        var job = SampleRequests.Small(Images, "v.wav", 1.5) with { Music = new MusicBed("m.wav") };

        var graph = RenderGraph.Build(job, RenderTimeline.Plan(job.Shots, 30), null, "/fonts").Script;

        Assert.Contains("[bed]alimiter=limit=0.891:level=false:latency=true,apad=whole_dur=6,atrim=duration=6[aout]", graph);
    }

    [Fact]
    public async Task A_loud_voice_over_loud_music_peaks_below_full_scale_and_starts_on_time()
    {
        var work = _folder.Path;
        var stills = await TestMedia.StillsAsync(work, 360, 640);

        var voice = Path.Combine(work, "in-voice.wav");
        await Tool.RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", $"aevalsrc=0.9*sin(2*PI*{VoiceHertz}*t):s=48000:d=2", voice);
        var music = Path.Combine(work, "in-music.wav");
        await Tool.RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "aevalsrc=0.9*sin(2*PI*220*t):s=48000:d=2", music);
        var job = SampleRequests.Small(stills, voice, 2, work, subtitles: false);
        var request = job with
        {
            Voices = [job.Voices[0] with { Start = 2.5 }],
            Music = new MusicBed(music, Volume: 1, FadeInSeconds: 0, FadeOutSeconds: 0, DuckUnderSpeech: false),
        };

        var video = (await _renderer.RenderAsync(request, null, CancellationToken.None)).VideoPath;

        var peak = await SoundEffectsTests.PeakDecibelsAsync(video);
        Assert.True(peak < 0, $"the mix peaks at {peak:F2} dBFS");
        var onset = await SoundEffectsTests.OnsetAsync(video, VoiceHertz);
        Assert.True(Math.Abs(onset - 2.5) <= 0.05, $"the voice's energy starts at {onset:F3} s, not within 50 ms of 2.5 s");
    }

    public void Dispose() => _folder.Dispose();
}
