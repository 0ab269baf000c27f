using System.Globalization;
using Serverless.Contracts.Rendering;
using Serverless.Media.Probing;
using Serverless.Media.Rendering;
using Serverless.Media.Tests.Fixtures;
using Serverless.Worker.Jobs;
using Xunit.Abstractions;
using CameraMotion = Serverless.Contracts.Rendering.CameraMotion;
using TransitionKind = Serverless.Contracts.Rendering.TransitionKind;

namespace Serverless.Media.Tests.Rendering;

/// <summary>
/// Issue 13: a long render split into segments (<see cref="RenderSegments"/>), each rendered on its own, and joined by
/// <see cref="SegmentJoiner"/> without re-encoding is the same video as the render made whole: the same number of frames,
/// one every 1/fps from 0 with no gap or repeat at a join, and each frame the picture the whole render has there.
/// </summary>
public sealed class SegmentJoinTests(ITestOutputHelper output) : IDisposable
{
    private const int Width = 180;
    private const int Height = 320;
    private readonly TempFolder _folder = new();
    private readonly MediaOptions _options = new();

    [Fact]
    public async Task Joined_segments_have_every_frame_of_the_whole_render_once_in_place()
    {
        var work = _folder.Path;
        var stills = await TestMedia.StillsAsync(work, Width * 2, Height * 2);
        var voice = await TestMedia.SpeechAsync(work, "in-voice.wav", "jin1 tian1 tian1 qi4 hen3 hao3");
        // Lengths that are no whole number of frames, so each segment must round to exactly its frames of the whole.
        double[] durations = [3.37, 3.71, 3.23, 3.55, 3.12, 2.91, 2.4];
        var job = new RenderJob
        {
            JobId = "tsk_p_1-render",
            UserId = "user-1",
            ProjectId = "project-1",
            OrchestrationInstanceId = "instance-1",
            Output = new RenderOutput { Width = Width, Height = Height, Preset = "ultrafast", Crf = 20 },
            Shots = durations.Select((d, i) => new RenderShot
            {
                Image = new BlobRef("images", $"in-{i % 3}.png"),
                Duration = d,
                Motion = i % 2 == 0 ? CameraMotion.ZoomIn : CameraMotion.PanLeft,
                TransitionIn = i is 1 or 4 ? TransitionKind.Fade : TransitionKind.Cut,
            }).ToList(),
            Voices = [new RenderVoice(new BlobRef("voices", "in-voice.wav"), 1, 2)],
            Subtitles = [new SubtitleCue(9, 12, "across the first join")],
            Destination = new BlobRef("renders", "user-1/project-1/tsk_p_1.mp4"),
        };
        var localStills = job.Shots.Select((_, i) => stills[i % 3]).ToList();

        var split = RenderSegments.Split(job, segmentSeconds: 10);
        Assert.NotNull(split);
        Assert.Equal([0, 3, 5], split.Segments.Select(s => s.Segment!.FirstShot));
        Assert.All(split.Segments, s => Assert.Empty(s.Voices));
        Assert.Equal("across the first join", Assert.Single(split.Segments[1].Subtitles).Text);

        var renderer = new FfmpegVideoRenderer(_options, new MediaProbe(_options));
        var files = new List<SegmentFile>();
        foreach (var segment in split.Segments)
        {
            var piece = segment.Segment!;
            var request = RenderRequestMapping.Request(
                segment, localStills.Skip(piece.FirstShot).Take(piece.ShotCount).ToList(), [], Path.Combine(work, $"part{piece.Index}"), null, null);
            var rendered = await renderer.RenderAsync(request, null, CancellationToken.None);
            files.Add(new SegmentFile(rendered.VideoPath, piece.FirstShot, piece.ShotCount));
        }

        var joinRequest = RenderRequestMapping.Request(split.Join, localStills, [voice], Path.Combine(work, "join"), null, null);
        var joined = await new SegmentJoiner(_options).JoinAsync(joinRequest, files, CancellationToken.None);
        var whole = await renderer.RenderAsync(
            RenderRequestMapping.Request(job, localStills, [voice], Path.Combine(work, "whole"), null, null), null, CancellationToken.None);

        var expectedFrames = Serverless.Media.Timeline.RenderTimeline.Plan(joinRequest.Shots, 30).TotalFrames;
        var times = await FrameTimesAsync(joined.VideoPath);
        output.WriteLine($"{times.Count} frames joined, {expectedFrames} planned; last at {times[^1]:0.000} s; joined in {joined.Elapsed.TotalSeconds:0.00} s");
        Assert.Equal(expectedFrames, times.Count);
        Assert.Equal(expectedFrames, (await FrameTimesAsync(whole.VideoPath)).Count);
        output.WriteLine($"whole render starts at {(await FrameTimesAsync(whole.VideoPath))[0]:0.000} s");
        for (var i = 0; i < times.Count; i++)
        {
            Assert.True(Math.Abs(times[i] - (i / 30.0)) < 0.002, $"frame {i} at {times[i]:0.0000} s, not {i / 30.0:0.0000} s");
        }

        // Each frame is the whole render's frame there: a repeated or dropped frame at a join (a cut) would compare
        // one shot's picture with the next's.
        var a = await GrayFramesAsync(joined.VideoPath);
        var b = await GrayFramesAsync(whole.VideoPath);
        var worst = Enumerable.Range(0, a.Count).Select(i => (Frame: i, Difference: TestMedia.MeanDifference(a[i], b[i], 36, 0, 64))).MaxBy(x => x.Difference);
        output.WriteLine($"largest difference from the whole render: {worst.Difference:0.00} at frame {worst.Frame}");
        Assert.True(worst.Difference < 6, $"frame {worst.Frame} differs from the whole render by {worst.Difference:0.00}");

        // One sound track over the whole timeline, as long as the pictures.
        var (probed, _) = await Tool.RunAsync("ffprobe", "-v", "error", "-select_streams", "a", "-show_entries", "stream=duration", "-of", "csv=p=0", joined.VideoPath);
        Assert.InRange(double.Parse(probed.Trim(), CultureInfo.InvariantCulture), times[^1], times[^1] + 0.1);
    }

    private static async Task<List<double>> FrameTimesAsync(string video)
    {
        var (text, _) = await Tool.RunAsync("ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "frame=pts_time", "-of", "csv=p=0", video);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => double.Parse(t.TrimEnd(','), CultureInfo.InvariantCulture)).ToList();
    }

    private static async Task<List<byte[]>> GrayFramesAsync(string video)
    {
        var raw = Path.ChangeExtension(video, ".gray");
        await Tool.RunAsync("ffmpeg", "-v", "error", "-y", "-i", video, "-vf", "scale=36:64,format=gray", "-f", "rawvideo", raw);
        var bytes = await File.ReadAllBytesAsync(raw);
        return bytes.Chunk(36 * 64).ToList();
    }

    public void Dispose() => _folder.Dispose();
}
