using Serverless.Media.Probing;
using Serverless.Media.Rendering;
using Serverless.Media.Tests.Fixtures;

namespace Serverless.Media.Tests.Rendering;

/// <summary>Renders with the real ffmpeg and checks the file the way a viewer would notice problems.</summary>
public sealed class FfmpegVideoRendererTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly MediaOptions _options = new();
    private readonly MediaProbe _probe;
    private readonly FfmpegVideoRenderer _renderer;

    public FfmpegVideoRendererTests()
    {
        _probe = new MediaProbe(_options);
        _renderer = new FfmpegVideoRenderer(_options, _probe);
    }

    [Fact]
    public async Task A_small_job_renders_to_h264_and_aac_at_the_requested_size_and_length_with_audible_speech()
    {
        var request = await SmallRequestAsync("with-subtitles", subtitles: true);
        var reported = new List<RenderProgress>();

        var result = await _renderer.RenderAsync(request, new SynchronousProgress(reported.Add), CancellationToken.None);

        var info = await _probe.AnalyseAsync(result.VideoPath);
        Assert.Equal("h264", info.VideoCodec);
        Assert.Equal("aac", info.AudioCodec);
        Assert.Equal((360, 640), (info.Width, info.Height));
        Assert.Equal("yuv420p", info.PixelFormat);
        var expected = request.Shots.Sum(s => s.Duration);
        Assert.InRange(info.Duration.TotalSeconds, expected * 0.95, expected * 1.05);
        Assert.Equal(expected, result.DurationSeconds, 3);
        Assert.True(await TestMedia.MeanVolumeAsync(result.VideoPath) > -50, "speech is audible");
        Assert.NotEmpty(reported);
        Assert.True(File.Exists(result.ThumbnailPath));
        Assert.Equal("mjpeg", (await _probe.AnalyseAsync(result.ThumbnailPath)).VideoCodec);
        Assert.Contains("今天天气很好", await File.ReadAllTextAsync(result.SrtPath!));
    }

    [Fact]
    public async Task Subtitles_are_burned_into_the_frames_inside_their_cues_only()
    {
        var withRequest = await SmallRequestAsync("with", subtitles: true);
        var withoutRequest = await SmallRequestAsync("without", subtitles: false);
        var with = await _renderer.RenderAsync(withRequest, null, CancellationToken.None);
        var without = await _renderer.RenderAsync(withoutRequest, null, CancellationToken.None);

        // Inside the first cue (0.2-2.6 s), the bottom third differs where the text is drawn; the top does not.
        var inCueWith = await TestMedia.LumaFrameAsync(with.VideoPath, 1.0);
        var inCueWithout = await TestMedia.LumaFrameAsync(without.VideoPath, 1.0);
        Assert.True(TestMedia.MeanDifference(inCueWith, inCueWithout, 360, 400, 600) > 3, "subtitle pixels in the lower part of the frame");
        Assert.True(TestMedia.MeanDifference(inCueWith, inCueWithout, 360, 0, 300) < 1.5, "the upper part is untouched");

        // Between the cues (2.6-2.8 s) nothing is drawn.
        var gapWith = await TestMedia.LumaFrameAsync(with.VideoPath, 2.7);
        var gapWithout = await TestMedia.LumaFrameAsync(without.VideoPath, 2.7);
        Assert.True(TestMedia.MeanDifference(gapWith, gapWithout, 360, 400, 600) < 1.5, "no subtitle between cues");
    }

    [Fact]
    public async Task Voices_start_where_the_job_places_them()
    {
        var request = await SmallRequestAsync("timing", subtitles: false);

        var result = await _renderer.RenderAsync(request with { Voices = [request.Voices[0] with { Start = 3.0 }] }, null, CancellationToken.None);

        Assert.True(await TestMedia.MeanVolumeAsync(result.VideoPath, 0.2, 2.8) < -80, "silence before the voice");
        Assert.True(await TestMedia.MeanVolumeAsync(result.VideoPath, 3.2, 4.5) > -40, "speech after its start");
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_bad_input()
    {
        var request = await SmallRequestAsync("broken", subtitles: false);
        await File.WriteAllTextAsync(request.Shots[1].Image, "this is not a png");

        var error = await Assert.ThrowsAsync<InvalidRenderJobException>(() => _renderer.RenderAsync(request, null, CancellationToken.None));

        Assert.Contains("Shot 1", error.Message);
    }

    [Fact]
    public async Task An_unknown_encoder_preset_is_bad_input()
    {
        var request = await SmallRequestAsync("preset", subtitles: false);
        var bad = request with { Output = request.Output with { Preset = "fast -i /etc/passwd" } };

        await Assert.ThrowsAsync<InvalidRenderJobException>(() => _renderer.RenderAsync(bad, null, CancellationToken.None));
    }

    private async Task<RenderRequest> SmallRequestAsync(string name, bool subtitles)
    {
        var work = Path.Combine(_folder.Path, name);
        Directory.CreateDirectory(work);
        var stills = await TestMedia.StillsAsync(work);

        var voice = await TestMedia.SpeechAsync(work, "in-voice.wav", SampleJobs.VoiceText);
        var voiceSeconds = (await _probe.AnalyseAsync(voice)).Duration.TotalSeconds;
        return SampleRequests.Small(stills, voice, voiceSeconds, work, subtitles);
    }

    public void Dispose() => _folder.Dispose();

    private sealed class SynchronousProgress(Action<RenderProgress> report) : IProgress<RenderProgress>
    {
        public void Report(RenderProgress value) => report(value);
    }
}
