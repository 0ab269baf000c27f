using Serverless.Contracts.Rendering;
using Serverless.Studio.Projects;

namespace Serverless.Studio.Tests.Projects;

/// <summary>The function app sizes previews as the worker's presets do: 540 px on the short side, 15 fps, ultrafast.</summary>
public sealed class RenderPresetsTests
{
    [Theory]
    [InlineData("9:16", 540, 960)]
    [InlineData("16:9", 960, 540)]
    [InlineData("1:1", 540, 540)]
    public void A_preview_is_540_on_the_short_side_at_the_fastest_settings(string aspectRatio, int width, int height)
    {
        var output = RenderPresets.Preview(aspectRatio);

        Assert.Equal((width, height), (output.Width, output.Height));
        Assert.Equal(OutputPresets.Preview(width, height) with
        {
            MaxRateKbps = output.MaxRateKbps, BufSizeKbits = output.BufSizeKbits, SafeArea = SafeArea.TitleSafe,
        }, output);
        Assert.Equal((15, "ultrafast"), (output.FramesPerSecond, output.Preset));
    }

    [Fact]
    public void A_final_render_takes_the_resolution_and_the_final_encoder_settings()
    {
        Assert.Equal(OutputPresets.ForAspectRatio("9:16", RenderMode.Final), RenderPresets.Final("9:16", "1080p"));
        Assert.Equal((2160, 2160, 22), (RenderPresets.Final("1:1", "4k").Width, RenderPresets.Final("1:1", "4k").Height, RenderPresets.Final("1:1", "4k").Crf));
        Assert.Equal((30, "veryfast"), (RenderPresets.Final("16:9", "720p").FramesPerSecond, RenderPresets.Final("16:9", "720p").Preset));
    }

    [Fact]
    public void The_app_offers_exactly_the_platforms_of_the_one_table()
    {
        Assert.Equal(PlatformPresets.Names.Order(), RenderPresets.Platforms.Keys.Order());
        Assert.Equal("9:16", RenderPresets.Platforms["tiktok"]);
        Assert.Equal("16:9", RenderPresets.Platforms["youtube"]);
    }

    [Fact]
    public void A_named_platform_brings_its_loudness_ceiling_and_length_limit()
    {
        var final = RenderPresets.Final("16:9", "1080p", "bilibili");

        Assert.Equal(("bilibili", -16.0, -1.0, 3600.0), (final.Platform, final.LoudnessLufs, final.TruePeakDbtp, final.MaxDurationSeconds));
        Assert.Equal(PlatformPresets.Find("bilibili")!.SafeArea, final.SafeArea);
        Assert.Equal(180, RenderPresets.Preview("9:16", "youtube-shorts").MaxDurationSeconds);
    }
}
