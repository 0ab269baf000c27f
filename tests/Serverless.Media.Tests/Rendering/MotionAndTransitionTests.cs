using Serverless.Media.Probing;
using Serverless.Media.Rendering;
using Serverless.Media.Tests.Fixtures;

namespace Serverless.Media.Tests.Rendering;

/// <summary>Every camera motion and transition, and the one-shot edge case, render to exactly the planned frames.</summary>
public sealed class MotionAndTransitionTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly MediaProbe _probe;
    private readonly FfmpegVideoRenderer _renderer;

    public MotionAndTransitionTests()
    {
        var options = new MediaOptions();
        _probe = new MediaProbe(options);
        _renderer = new FfmpegVideoRenderer(options, _probe);
    }

    [Fact]
    public async Task Every_motion_and_transition_renders_every_planned_frame()
    {
        ShotClip[] shots =
        [
            Shot(0, CameraMotion.Still, TransitionKind.Cut, 1.0),
            Shot(1, CameraMotion.PanLeft, TransitionKind.Cut, 1.0),
            Shot(2, CameraMotion.PanRight, TransitionKind.Dissolve, 1.2),
            Shot(3, CameraMotion.ZoomIn, TransitionKind.Wipe, 0.9),
            Shot(4, CameraMotion.ZoomOut, TransitionKind.Fade, 1.1),
        ];

        var frames = await RenderFramesAsync("all", shots);

        Assert.Equal(156, frames);
    }

    [Fact]
    public async Task A_single_shot_renders()
    {
        var frames = await RenderFramesAsync("single", [Shot(0, CameraMotion.ZoomIn, TransitionKind.Fade, 1.5)]);

        Assert.Equal(45, frames);
    }

    [Fact]
    public async Task A_fade_from_black_to_white_rises_a_step_every_frame_of_the_transition()
    {
        var work = Path.Combine(_folder.Path, "crossfade");
        Directory.CreateDirectory(work);
        var stills = new List<string>();
        foreach (var (name, colour) in new[] { ("black.png", "black"), ("white.png", "white") })
        {
            stills.Add(Path.Combine(work, name));
            await Tool.RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", $"color=c={colour}:size=360x640", "-frames:v", "1", stills[^1]);
        }

        ShotClip[] shots = [Shot(0, CameraMotion.Still, TransitionKind.Cut, 1.0), Shot(1, CameraMotion.Still, TransitionKind.Fade, 1.0) with { TransitionDuration = 0.5 }];
        var result = await _renderer.RenderAsync(SmallRequest(shots, stills, work), null, CancellationToken.None);

        // Mean luma of every frame: shot 0 alone for its 30 frames, then shot 1's slot, its first 15 frames blended.
        var (means, _) = await Tool.RunAsync("ffprobe", "-v", "error", "-f", "lavfi", $"movie={result.VideoPath},signalstats",
            "-show_entries", "frame_tags=lavfi.signalstats.YAVG", "-of", "csv=p=0");
        var luma = means.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => double.Parse(l.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(60, luma.Count);
        Assert.All(luma.Take(30), y => Assert.InRange(y, 0, 20));
        Assert.All(luma.Skip(46), y => Assert.InRange(y, 230, 255));
        var blend = luma.Skip(30).Take(15).ToList();
        Assert.InRange(blend[0], 0, 20);
        for (var i = 1; i < blend.Count; i++)
        {
            // 1/15 of black-to-white is about 14 levels a frame; x264 may smear it a little.
            Assert.InRange(blend[i] - blend[i - 1], 6, 24);
        }
    }

    /// <summary>The sample job's output, silent, without subtitles: the given shots over the given stills.</summary>
    private static RenderRequest SmallRequest(IReadOnlyList<ShotClip> shots, IReadOnlyList<string> stills, string work) =>
        new(new VideoOutput { Width = 360, Height = 640, Preset = "ultrafast", Crf = 28 }, shots.Select((s, i) => s with { Image = stills[i] }).ToList(), [], work);

    private static ShotClip Shot(int index, CameraMotion motion, TransitionKind transition, double seconds) => new()
    {
        Image = $"{index}.png",
        Duration = seconds,
        Motion = motion,
        TransitionIn = transition,
        TransitionDuration = 0.4,
    };

    private async Task<int> RenderFramesAsync(string name, IReadOnlyList<ShotClip> shots)
    {
        var work = Path.Combine(_folder.Path, name);
        Directory.CreateDirectory(work);
        var stills = new List<string>();
        for (var i = 0; i < shots.Count; i++)
        {
            // Mixed sizes and aspect ratios: every still is covered and cropped to the frame.
            stills.Add(await TestMedia.StillAsync(work, $"in-{i}.png", i, 400 + 160 * i, 900 - 100 * i));
        }

        var result = await _renderer.RenderAsync(SmallRequest(shots, stills, work), null, CancellationToken.None);

        var (output, _) = await Tool.RunAsync("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
            "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", result.VideoPath);
        var info = await _probe.AnalyseAsync(result.VideoPath);
        Assert.Equal((360, 640), (info.Width, info.Height));
        return int.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => _folder.Dispose();
}
