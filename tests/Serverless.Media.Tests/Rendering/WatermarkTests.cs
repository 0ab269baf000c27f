using Serverless.Media.Probing;
using Serverless.Media.Rendering;
using Serverless.Media.Tests.Fixtures;

namespace Serverless.Media.Tests.Rendering;

/// <summary>Watermarks land in their corner and nowhere else, compared with the same render without them.</summary>
public sealed class WatermarkTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FfmpegVideoRenderer _renderer;

    public WatermarkTests()
    {
        var options = new MediaOptions();
        _renderer = new FfmpegVideoRenderer(options, new MediaProbe(options));
    }

    [Fact]
    public async Task An_image_mark_sits_top_right_and_a_text_mark_bottom_left()
    {
        var logo = _folder.File("logo.png");
        await Tool.RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "color=white:s=200x100", "-frames:v", "1", logo);

        var plain = await RenderAsync("plain", null);
        var imageMarked = await RenderAsync("image", new Watermark(ImagePath: logo, Position: WatermarkPosition.TopRight, Opacity: 0.8));
        var textMarked = await RenderAsync("text", new Watermark(Text: "ACME 工作室", Position: WatermarkPosition.BottomLeft, Opacity: 1));

        var before = await TestMedia.LumaFrameAsync(plain, 1.0);
        var withImage = await TestMedia.LumaFrameAsync(imageMarked, 1.0);
        var withText = await TestMedia.LumaFrameAsync(textMarked, 1.0);

        // 360x640: the mark is 72x36 at a 14 px margin.
        AssertDifference(TestMedia.MeanDifference(before, withImage, 360, 276, 344, 16, 48), ">", 20, "the image is top right");
        AssertDifference(TestMedia.MeanDifference(before, withImage, 360, 16, 84, 16, 48), "<", 2.5, "and not top left");
        AssertDifference(TestMedia.MeanDifference(before, withImage, 360, 0, 360, 100, 640), "<", 2.5, "and nowhere below");
        AssertDifference(TestMedia.MeanDifference(before, withText, 360, 14, 120, 600, 626), ">", 5, "the text is bottom left");
        AssertDifference(TestMedia.MeanDifference(before, withText, 360, 14, 120, 600, 626), ">", 10, "the text is clearly drawn");
        AssertDifference(TestMedia.MeanDifference(before, withText, 360, 240, 346, 600, 626), "<", 2.5, "and not bottom right");
        AssertDifference(TestMedia.MeanDifference(before, withText, 360, 0, 360, 0, 500), "<", 2.5, "and nowhere above");
    }

    private async Task<string> RenderAsync(string name, Watermark? watermark)
    {
        var work = Path.Combine(_folder.Path, name);
        Directory.CreateDirectory(work);
        var stills = await TestMedia.StillsAsync(work, 360, 640);

        var job = SampleRequests.Small(stills, null, 0, work, subtitles: false);

        // Fine quantisation, so that coding noise stays well below what a mark changes.
        var request = job with { Output = job.Output with { Crf = 16 }, Watermark = watermark };
        return (await _renderer.RenderAsync(request, null, CancellationToken.None)).VideoPath;
    }

    private static void AssertDifference(double difference, string relation, double threshold, string what) =>
        Assert.True(relation == ">" ? difference > threshold : difference < threshold, $"{what}: mean luma difference {difference:F2}, expected {relation} {threshold}");

    public void Dispose() => _folder.Dispose();
}
