using Serverless.Media.Presets;

namespace Serverless.Media.Tests.Presets;

public sealed class RenderPresetsTests
{
    [Theory]
    [InlineData("douyin", 1080, 1920)]
    [InlineData("kuaishou", 1080, 1920)]
    [InlineData("youtube-shorts", 1080, 1920)]
    [InlineData("bilibili", 1920, 1080)]
    [InlineData("youtube", 1920, 1080)]
    [InlineData("square", 1080, 1080)]
    public void Final_1080p_sizes_follow_the_platform(string platform, int width, int height)
    {
        var output = RenderPresets.For(platform, RenderMode.Final);

        Assert.Equal((width, height), (output.Width, output.Height));
        Assert.Equal("veryfast", output.Preset);
    }

    [Fact]
    public void Previews_are_540_on_the_short_side_at_the_fastest_settings()
    {
        var portrait = RenderPresets.For("douyin", RenderMode.Preview);
        var landscape = RenderPresets.For("bilibili", RenderMode.Preview);

        Assert.Equal((540, 960), (portrait.Width, portrait.Height));
        Assert.Equal((960, 540), (landscape.Width, landscape.Height));
        Assert.Equal("ultrafast", portrait.Preset);
        Assert.Equal(15, portrait.FramesPerSecond);
        Assert.Equal(30, RenderPresets.For("douyin", RenderMode.Final).FramesPerSecond);
    }

    [Fact]
    public void Final_resolutions_are_720p_1080p_and_4k()
    {
        Assert.Equal((720, 1280), Size(RenderPresets.For("douyin", RenderMode.Final, 720)));
        Assert.Equal((3840, 2160), Size(RenderPresets.For("youtube", RenderMode.Final, 2160)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RenderPresets.For("youtube", RenderMode.Final, 1440));
    }

    [Fact]
    public void Custom_sizes_are_kept_for_final_and_scaled_for_preview()
    {
        Assert.Equal((1200, 1500), Size(RenderPresets.For("custom", RenderMode.Final, customWidth: 1200, customHeight: 1500)));
        Assert.Equal((540, 676), Size(RenderPresets.For("custom", RenderMode.Preview, customWidth: 1200, customHeight: 1500)));
        Assert.Throws<ArgumentException>(() => RenderPresets.For("custom", RenderMode.Final));
        Assert.Throws<ArgumentException>(() => RenderPresets.For("tiktok-2", RenderMode.Final));
    }

    private static (int, int) Size(Serverless.Contracts.Rendering.RenderOutput output) => (output.Width, output.Height);
}
