using System.Diagnostics;
using System.Globalization;
using System.Text;
using Serverless.Media.Graph;
using Serverless.Media.Quality;
using Serverless.Media.Timeline;

namespace Serverless.Media.Rendering;

/// <summary>A segment's rendered pictures: shots <see cref="FirstShot"/> to <see cref="FirstShot"/> + <see cref="ShotCount"/> - 1 of the request.</summary>
public sealed record SegmentFile(string Path, int FirstShot, int ShotCount);

/// <summary>
/// Joins the segments of a long render into the finished video: their video streams are concatenated by ffmpeg's concat
/// demuxer without re-encoding (each segment is an encode of its own, so it starts on an IDR frame: a closed GOP), each
/// placed at its exact frame position on the request's timeline, and the sound of the whole timeline is mixed and
/// levelled once (<see cref="SoundLeveler"/>) and muxed under it, so music, ducking and loudness run across the joins.
/// </summary>
public sealed class SegmentJoiner(MediaOptions options)
{
    private const string ListFile = "segments.ffconcat";

    public async Task<RenderResult> JoinAsync(RenderRequest request, IReadOnlyList<SegmentFile> segments, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var output = request.Output;
        EncoderSettings.Validate(output);
        var timeline = RenderTimeline.Plan(request.Shots, output.FramesPerSecond);
        CheckCoverage(segments, request.Shots.Count);
        var work = request.WorkDirectory;
        Directory.CreateDirectory(work);

        // The concat demuxer starts each file where the previous one's stated duration ends: stated in whole frames of
        // the timeline, so a segment's silent sound track (AAC pads its last frame) never pushes the next one later; and
        // from its in point 0, not from that track's start 21 ms before its first picture (the AAC encoder's priming).
        var list = new StringBuilder("ffconcat version 1.0\n");
        foreach (var segment in segments)
        {
            var first = timeline.Shots[segment.FirstShot];
            var last = timeline.Shots[segment.FirstShot + segment.ShotCount - 1];
            var frames = last.StartFrame + last.SlotFrames - first.StartFrame;
            list.Append(CultureInfo.InvariantCulture, $"file '{Path.GetFullPath(segment.Path).Replace("'", "'\\''", StringComparison.Ordinal)}'\n");
            list.Append("inpoint 0\n");
            list.Append(CultureInfo.InvariantCulture, $"duration {FilterNumber.Format(timeline.Seconds(frames))}\n");
        }

        await File.WriteAllTextAsync(Path.Combine(work, ListFile), list.ToString(), new UTF8Encoding(false), cancellationToken);

        LeveledSound? sound = null;
        var arguments = new List<string> { "-hide_banner", "-nostats", "-y", "-f", "concat", "-safe", "0", "-i", ListFile };
        if (output.Loudness is { } target && SoundLeveler.HasSound(request))
        {
            sound = await new SoundLeveler(options).LevelAsync(request, timeline.DurationSeconds, target, cancellationToken);
            arguments.AddRange(["-i", sound.Path]);
        }
        else
        {
            arguments.AddRange(["-f", "lavfi", "-i", $"anullsrc=r={VoiceMixFilter.SampleRate}:cl=stereo"]);
        }

        var video = Path.Combine(work, FfmpegVideoRenderer.VideoFile);
        arguments.AddRange([
            "-map", "0:v:0", "-map", "1:a:0", "-c:v", "copy",
            "-c:a", "aac", "-b:a", $"{output.AudioBitrateKbps.ToString(CultureInfo.InvariantCulture)}k", "-ar", $"{VoiceMixFilter.SampleRate}",
            "-t", FilterNumber.Format(timeline.DurationSeconds), "-movflags", "+faststart", video]);
        await FfmpegProcess.RunAsync(options, "ffmpeg", arguments, work, cancellationToken);

        // The first frame, as a whole render's thumbnail is.
        var thumbnail = Path.Combine(work, FfmpegVideoRenderer.ThumbnailFile);
        await FfmpegProcess.RunAsync(
            options, "ffmpeg", ["-hide_banner", "-nostats", "-y", "-i", Path.GetFullPath(segments[0].Path), "-frames:v", "1", "-update", "1", "-q:v", "3", thumbnail],
            work, cancellationToken);

        var (srt, vtt) = await FfmpegVideoRenderer.WriteSidecarsAsync(request, cancellationToken);
        return new RenderResult(video, thumbnail, srt, vtt, timeline.DurationSeconds, started.Elapsed, sound);
    }

    /// <summary>The segments must cover every shot once, in order.</summary>
    private static void CheckCoverage(IReadOnlyList<SegmentFile> segments, int shots)
    {
        var next = 0;
        foreach (var segment in segments)
        {
            if (segment.FirstShot != next || segment.ShotCount < 1)
            {
                throw new InvalidRenderJobException($"Segment at shot {segment.FirstShot} ({segment.ShotCount} shots) does not follow on from shot {next}.");
            }

            next += segment.ShotCount;
        }

        if (segments.Count == 0 || next != shots)
        {
            throw new InvalidRenderJobException($"The segments cover {next} of the video's {shots} shots.");
        }
    }
}
