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
        Assert.Equal(OutputPresets.Preview(width, height), output);
        Assert.Equal((15, "ultrafast"), (output.FramesPerSecond, output.Preset));
    }

    [Fact]
    public void A_final_render_takes_the_resolution_and_the_final_encoder_settings()
    {
        Assert.Equal(OutputPresets.Final(1080, 1920), RenderPresets.Final("9:16", "1080p"));
        Assert.Equal((2160, 2160, 22), (RenderPresets.Final("1:1", "4k").Width, RenderPresets.Final("1:1", "4k").Height, RenderPresets.Final("1:1", "4k").Crf));
        Assert.Equal((30, "veryfast"), (RenderPresets.Final("16:9", "720p").FramesPerSecond, RenderPresets.Final("16:9", "720p").Preset));
    }
}
