using Serverless.Contracts.Rendering;
using Serverless.Studio.ShotImages;
using Serverless.Studio.Storyboards;
using SkiaSharp;

namespace Serverless.Studio.Tests.ShotImages;

/// <summary>Balloons, captions and the scene tag stay where the shot's camera move never takes them off screen.</summary>
public sealed class LetteringAreaTests
{
    private static readonly StoryboardFrameRenderer Renderer = new();
    private static readonly string LongLine = string.Concat(Enumerable.Repeat("这是一句很长很长的台词，要把气泡撑到画面的两边。", 3));

    [Theory]
    [InlineData(CameraMotion.PanLeft)]
    [InlineData(CameraMotion.PanRight)]
    [InlineData(CameraMotion.ZoomIn)]
    [InlineData(CameraMotion.ZoomOut)]
    public async Task A_wide_balloon_stays_inside_what_the_move_always_shows(CameraMotion motion)
    {
        var outside = await LetteringOutsideAsync(motion, motion);

        // Only the balloon's tail may reach towards a speaker standing near the edge.
        Assert.True(outside < 0.01, $"{outside:P1} of the pixels the {motion} hides were lettered");
    }

    [Fact]
    public async Task A_still_shot_letters_to_the_panel_edges_which_a_pan_would_hide()
    {
        // The same line planned for a still camera uses the whole panel; under a pan that lettering would be cut.
        var outside = await LetteringOutsideAsync(CameraMotion.Still, CameraMotion.PanLeft);

        Assert.True(outside > 0.01, $"only {outside:P1} lettered outside the pan's band: the check above could not fail");
    }

    [Theory]
    [InlineData(CameraMotion.Still)]
    [InlineData(CameraMotion.ZoomIn)]
    [InlineData(CameraMotion.PanRight)]
    public async Task Lettering_stays_out_of_the_margins_the_platforms_interface_covers(CameraMotion motion)
    {
        var douyin = PlatformPresets.Find("douyin")!.SafeArea;

        var outside = await LetteringOutsideAsync(motion, motion, drawnWith: douyin, judgedWith: douyin);
        // Drawn for no platform, the same line runs into douyin's covered margins: the check above could fail.
        var unaware = await LetteringOutsideAsync(motion, motion, drawnWith: null, judgedWith: douyin);

        Assert.True(outside < 0.01, $"{outside:P1} of the pixels douyin's interface covers under a {motion} were lettered");
        Assert.True(unaware > 0.01, $"only {unaware:P1} lettered in douyin's margins when drawn for no platform");
    }

    /// <summary>The share of pixels outside <paramref name="judgedBy"/>'s always-visible band (and safe area) that lettering changed.</summary>
    private static async Task<double> LetteringOutsideAsync(
        CameraMotion drawnFor, CameraMotion judgedBy, SafeArea? drawnWith = null, SafeArea? judgedWith = null)
    {
        var request = StoryboardFrameRendererTests.Dialogue("anime", ShotFraming.Medium) with { Text = LongLine, Motion = drawnFor, SafeArea = drawnWith };
        using var lettered = FramePixels.Decode(await Renderer.GenerateAsync(request));
        using var bare = FramePixels.Decode(await Renderer.GenerateAsync(request with { Text = null }));

        var visible = StoryboardFrameRenderer.LetteringArea(new SKRect(0, 0, lettered.Width, lettered.Height), judgedBy, judgedWith);
        int hidden = 0, changed = 0;
        for (var y = 0; y < lettered.Height; y += 3)
        {
            for (var x = 0; x < lettered.Width; x += 3)
            {
                if (visible.Contains(x, y))
                {
                    continue;
                }

                hidden++;
                var (a, b) = (lettered[x, y], bare[x, y]);
                if (Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue) > 30)
                {
                    changed++;
                }
            }
        }

        return (double)changed / hidden;
    }
}
