using Serverless.Contracts.Rendering;
using Serverless.Media.Graph;
using Serverless.Worker.Jobs;

namespace Serverless.Worker.Tests.Jobs;

/// <summary>
/// The platform presets the app sizes jobs with, and the rules the app and the renderer must agree on, here where the
/// worker sees both vocabularies.
/// </summary>
public sealed class OutputPresetsTests
{
    [Theory]
    [InlineData("douyin", 1080, 1920)]
    [InlineData("kuaishou", 1080, 1920)]
    [InlineData("tiktok", 1080, 1920)]
    [InlineData("youtube-shorts", 1080, 1920)]
    [InlineData("bilibili", 1920, 1080)]
    [InlineData("youtube", 1920, 1080)]
    [InlineData("square", 1080, 1080)]
    public void Final_1080p_sizes_follow_the_platform(string platform, int width, int height)
    {
        var output = OutputPresets.For(platform, RenderMode.Final);

        Assert.Equal((width, height), (output.Width, output.Height));
        Assert.Equal("veryfast", output.Preset);
    }

    [Fact]
    public void Every_platform_has_a_ceiling_a_loudness_target_a_length_limit_and_a_safe_area()
    {
        Assert.Equal(["douyin", "kuaishou", "tiktok", "youtube-shorts", "bilibili", "youtube", "square"], PlatformPresets.Names);
        foreach (var preset in PlatformPresets.All)
        {
            var output = OutputPresets.For(preset.Name, RenderMode.Final);
            Assert.Equal(preset.MaxRateKbps, output.MaxRateKbps);
            Assert.Equal(output.MaxRateKbps * 2, output.BufSizeKbits);
            Assert.InRange(output.LoudnessLufs, -18, -13);
            Assert.True(output.TruePeakDbtp <= -1, preset.Name);
            Assert.True(output.MaxDurationSeconds >= 60, preset.Name);
            var safe = output.SafeArea!;
            Assert.True(safe.Top + safe.Bottom < 0.5 && safe.Left + safe.Right < 0.5, preset.Name);
        }

        // Vertical feeds keep their interface at the bottom and down the right side.
        var douyin = PlatformPresets.Find("douyin")!.SafeArea;
        Assert.True(douyin.Bottom > douyin.Top && douyin.Right > douyin.Left);
        Assert.NotEqual(PlatformPresets.Find("douyin")!.LoudnessLufs, PlatformPresets.Find("bilibili")!.LoudnessLufs);
    }

    [Fact]
    public void The_bitrate_ceiling_scales_with_the_pixels()
    {
        Assert.Equal(1500, OutputPresets.For("douyin", RenderMode.Preview).MaxRateKbps);
        Assert.Equal(24000, OutputPresets.For("douyin", RenderMode.Final, 2160).MaxRateKbps);
        Assert.Equal(OutputPresets.DefaultMaxRateKbps, OutputPresets.ForAspectRatio("9:16", RenderMode.Final).MaxRateKbps);
        Assert.Null(OutputPresets.ForAspectRatio("9:16", RenderMode.Final).MaxDurationSeconds);
    }

    [Fact]
    public void The_renderer_gets_the_platforms_ceiling_loudness_and_safe_area_and_previews_level_in_one_pass()
    {
        var final = RenderRequestMapping.Output(OutputPresets.For("douyin", RenderMode.Final));
        var preview = RenderRequestMapping.Output(OutputPresets.For("bilibili", RenderMode.Preview));

        Assert.Equal((6000, 12000), (final.MaxRateKbps, final.BufSizeKbits));
        Assert.Equal(new Serverless.Media.Rendering.LoudnessTarget(-14, -1, Exact: true), final.Loudness);
        Assert.Equal(new Serverless.Media.Rendering.SafeMargins(0.10, 0.22, 0.06, 0.15), final.SafeArea);
        Assert.Equal(new Serverless.Media.Rendering.LoudnessTarget(-16, -1, Exact: false), preview.Loudness);
    }

    [Fact]
    public void Previews_are_540_on_the_short_side_at_the_fastest_settings()
    {
        var portrait = OutputPresets.For("douyin", RenderMode.Preview);
        var landscape = OutputPresets.For("bilibili", RenderMode.Preview);

        Assert.Equal((540, 960), (portrait.Width, portrait.Height));
        Assert.Equal((960, 540), (landscape.Width, landscape.Height));
        Assert.Equal("ultrafast", portrait.Preset);
        Assert.Equal(15, portrait.FramesPerSecond);
        Assert.Equal(30, OutputPresets.For("douyin", RenderMode.Final).FramesPerSecond);
    }

    [Fact]
    public void Final_resolutions_are_720p_1080p_and_4k()
    {
        Assert.Equal((720, 1280), Size(OutputPresets.For("douyin", RenderMode.Final, 720)));
        Assert.Equal((3840, 2160), Size(OutputPresets.For("youtube", RenderMode.Final, 2160)));
        Assert.Throws<ArgumentOutOfRangeException>(() => OutputPresets.For("youtube", RenderMode.Final, 1440));
    }

    [Fact]
    public void Custom_sizes_are_kept_for_final_and_scaled_for_preview()
    {
        Assert.Equal((1200, 1500), Size(OutputPresets.For("custom", RenderMode.Final, customWidth: 1200, customHeight: 1500)));
        Assert.Equal((540, 676), Size(OutputPresets.For("custom", RenderMode.Preview, customWidth: 1200, customHeight: 1500)));
        Assert.Throws<ArgumentException>(() => OutputPresets.For("custom", RenderMode.Final));
        Assert.Throws<ArgumentException>(() => OutputPresets.For("tiktok-2", RenderMode.Final));
    }

    [Fact]
    public void The_renderer_scales_stills_by_the_headroom_the_storyboard_frames_are_drawn_for() =>
        Assert.Equal(CameraFraming.Headroom, FrameSize.MotionHeadroom);

    [Fact]
    public void Every_subtitle_preset_name_maps_to_its_own_look() =>
        Assert.Equal(SubtitlePresets.All.Count, SubtitlePresets.All.Select(RenderRequestMapping.Look).Distinct().Count());

    [Fact]
    public void Every_camera_motion_and_transition_maps_to_the_renderer_value_of_the_same_name()
    {
        foreach (var motion in Enum.GetValues<CameraMotion>())
        {
            var shot = RenderRequestMapping.Shot(new RenderShot { Image = new BlobRef("a", "1.png"), Duration = 1, Motion = motion }, "1.png");
            Assert.Equal(motion.ToString(), shot.Motion.ToString());
        }

        foreach (var kind in Enum.GetValues<TransitionKind>())
        {
            var shot = RenderRequestMapping.Shot(new RenderShot { Image = new BlobRef("a", "1.png"), Duration = 1, TransitionIn = kind }, "1.png");
            Assert.Equal(kind.ToString(), shot.TransitionIn.ToString());
        }
    }

    private static (int, int) Size(RenderOutput output) => (output.Width, output.Height);
}
