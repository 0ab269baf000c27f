using Serverless.Contracts.Rendering;
using Serverless.Media.Footage;
using Serverless.Media.Probing;
using Serverless.Media.Quality;
using Serverless.Media.Rendering;
using Serverless.Media.Tests.Fixtures;
using Serverless.Testing.Ocr;
using Serverless.Worker.Jobs;

namespace Serverless.Media.Tests.Footage;

/// <summary>One clip of the short footage, cut in the pauses the analysis found, rendered once for all these checks.</summary>
[Collection(ShortFootageCollection.Name)]
public sealed class ClipRendererTests(ShortFootage footage) : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private ClipResult _clip = null!;
    private (double Start, double End) _span;

    public async Task InitializeAsync()
    {
        // From the pause before the price to the pause after the line that follows it: silences the VAD found.
        _span = (GapAround(footage.Made.PauseMiddles[1]), GapAround(footage.Made.PauseMiddles[3]));
        var output = RenderRequestMapping.Output(OutputPresets.For("douyin", RenderMode.Final, finalShortSide: 720)) with { Preset = "ultrafast" };
        var request = new ClipRequest(footage.Made.Path, _span.Start, _span.End, output, _folder.Path)
        {
            Words = footage.Report.Words,
            IntroText = "Blender deal",
            OutroText = "Link below",
            Watermark = new Watermark(Text: "KitchenShow", Position: WatermarkPosition.TopLeft),
        };
        _clip = await new ClipRenderer(ShortFootage.Options, new MediaProbe(ShortFootage.Options)).RenderAsync(request, CancellationToken.None);
    }

    [Fact]
    public async Task The_clip_is_the_presets_size_and_length_and_passes_the_self_check()
    {
        var info = await new MediaProbe(ShortFootage.Options).AnalyseAsync(_clip.Result.VideoPath);
        Assert.Equal((720, 1280), (info.Width, info.Height));
        var expected = (2 * ClipRenderer.CardSeconds) + (_span.End - _span.Start);
        Assert.InRange(info.Duration.TotalSeconds, expected - 0.1, expected + 0.1);

        var report = await new VideoSelfCheck(ShortFootage.Options).CheckAsync(_clip.AsRender, _clip.Result, CancellationToken.None);
        Assert.True(report.Passed, report.Failures);
        Assert.InRange(report.Checks[SelfCheckNames.Loudness].Value!.Value, -14.5, -13.5);
    }

    [Fact]
    public async Task No_speech_is_heard_within_80_ms_of_the_cuts()
    {
        var speech = await footage.Vad.DetectAsync(_clip.Result.VideoPath);
        Assert.NotEmpty(speech);
        foreach (var edge in new[] { ClipRenderer.CardSeconds, ClipRenderer.CardSeconds + (_span.End - _span.Start) })
        {
            Assert.DoesNotContain(speech, s => s.Start < edge + 0.08 && s.End > edge - 0.08);
        }
    }

    [Fact]
    public void The_crop_follows_the_subject_on_the_left_of_the_scene()
    {
        // After the cut at 9 s the footage shows a box moving about the left third of a still ground.
        Assert.Equal(ClipFramingKind.Crop, _clip.Framing.Kind);
        var afterCut = (int)Math.Ceiling(footage.Made.Cuts[0] - _span.Start) + 2;
        Assert.All(_clip.Framing.Centres.Skip(afterCut), c => Assert.InRange(c, 0.1, 0.45));
    }

    [Fact]
    public async Task The_captions_of_the_price_are_read_back_from_the_picture()
    {
        var cue = _clip.AsRender.Subtitles.First(c => c.Text.Contains("dollars", StringComparison.Ordinal));
        var frame = _folder.File("caption.png");
        await Tool.RunAsync("ffmpeg", "-v", "error", "-y", "-ss", (((cue.Start + cue.End) / 2)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-i", _clip.Result.VideoPath, "-frames:v", "1", frame);
        using var reader = FrameTextReader.Load();
        // The lower half, where captions sit (the watermark is at the top); the recognizer drops some spaces.
        var read = reader.ReadAll(frame, new SkiaSharp.SKRectI(0, 640, 720, 1280));

        var error = TextSimilarity.CharacterErrorRate(Letters(cue.Text), Letters(read));
        Assert.True(error <= 0.25, $"read \"{read}\" for the caption \"{cue.Text}\" (CER {error:0.00})");
    }

    private static string Letters(string text) => new(TextSimilarity.Normalize(text).Where(char.IsLetterOrDigit).ToArray());

    private double GapAround(double pause)
    {
        var before = footage.Report.Speech.Where(s => s.End <= pause).Max(s => s.End);
        var after = footage.Report.Speech.Where(s => s.Start >= pause).Min(s => s.Start);
        return Math.Round((before + after) / 2, 3);
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
