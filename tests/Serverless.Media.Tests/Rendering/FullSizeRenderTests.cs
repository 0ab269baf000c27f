using Serverless.Media.Probing;
using Serverless.Media.Rendering;
using Serverless.Media.Tests.Fixtures;
using Serverless.Testing.Ocr;

namespace Serverless.Media.Tests.Rendering;

/// <summary>
/// The one render at the real 9:16 size, with the final encoder settings: the Chinese subtitles are read back
/// from the frames by OCR, which would not find them if the font fell back to empty boxes.
/// </summary>
public sealed class FullSizeRenderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task A_1080x1920_render_carries_readable_chinese_subtitles_in_their_cues()
    {
        var options = new MediaOptions();
        var probe = new MediaProbe(options);
        var stills = await TestMedia.StillsAsync(_folder.Path, 1024, 1536);

        var voice = await TestMedia.SpeechAsync(_folder.Path, "in-voice.wav", SampleJobs.VoiceText);
        var job = SampleRequests.Small(stills, voice, (await probe.AnalyseAsync(voice)).Duration.TotalSeconds, _folder.Path);
        job = job with { Output = new VideoOutput { Width = 1080, Height = 1920, Preset = "veryfast", Crf = 23 } };

        var result = await new FfmpegVideoRenderer(options, probe).RenderAsync(job, null, CancellationToken.None);

        var info = await probe.AnalyseAsync(result.VideoPath);
        Assert.Equal(("h264", "aac", 1080, 1920), (info.VideoCodec, info.AudioCodec, info.Width, info.Height));
        Assert.InRange(info.Duration.TotalSeconds, 5.7, 6.3);

        using var reader = FrameTextReader.Load();
        var first = await FrameAsync(result.VideoPath, 1.2, "first.png");
        var second = await FrameAsync(result.VideoPath, 4.2, "second.png");
        var gap = await FrameAsync(result.VideoPath, 2.7, "gap.png");
        var subtitleBand = new SkiaSharp.SKRectI(0, 1300, 1080, 1800);

        var firstText = reader.ReadAll(first, subtitleBand);
        var secondText = reader.ReadAll(second, subtitleBand);
        Assert.True(TextSimilarity.CharacterErrorRate("小明：今天天气很好", firstText) <= 0.25, $"read '{firstText}'");
        Assert.True(TextSimilarity.CharacterErrorRate("我们去公园吧", secondText) <= 0.25, $"read '{secondText}'");
        Assert.DoesNotContain("公园", reader.ReadAll(gap, subtitleBand));
    }

    private async Task<string> FrameAsync(string video, double seconds, string name)
    {
        var path = _folder.File(name);
        await Tool.RunAsync("ffmpeg", "-v", "error", "-y", "-ss", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", video, "-frames:v", "1", path);
        return path;
    }

    public void Dispose() => _folder.Dispose();
}
