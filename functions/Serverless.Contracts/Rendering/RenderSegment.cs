namespace Serverless.Contracts.Rendering;

/// <summary>
/// One piece of a long final render: shots <see cref="FirstShot"/> to <see cref="FirstShot"/> + <see cref="ShotCount"/> - 1
/// of the whole video, rendered by a worker of its own as pictures only into <see cref="Video"/>. On a segment job it names
/// that job's piece; on the join job (<see cref="RenderJob.JoinSegments"/>) the list names every piece in order.
/// </summary>
public sealed record RenderSegment(int Index, int FirstShot, int ShotCount, BlobRef Video);

/// <summary>A long render split at shot boundaries: the segment jobs, queued at once, and the join job queued after them.</summary>
public sealed record SegmentedRender(IReadOnlyList<RenderJob> Segments, RenderJob Join);

/// <summary>
/// Splits a final render longer than a configured length into segments at cuts between shots, so any number of workers
/// render it, and one join job puts them back together: the segments' video streams are concatenated without
/// re-encoding (each segment is its own encode, so it starts on a closed GOP) and the sound is mixed once over the whole
/// timeline, so music, ducking and loudness have no seam.
/// </summary>
public static class RenderSegments
{
    /// <summary>Shortest segment worth a job of its own: below this a worker spends more on starting than on encoding.</summary>
    public const double MinSegmentSeconds = 10;

    /// <summary>
    /// The segment jobs and the join job of <paramref name="job"/>, or null when it is rendered whole: a preview, a video
    /// no longer than <paramref name="segmentSeconds"/>, or one with no cut to split at.
    /// </summary>
    public static SegmentedRender? Split(RenderJob job, double segmentSeconds)
    {
        if (job.Output.Preview || !double.IsFinite(segmentSeconds) || segmentSeconds < MinSegmentSeconds || job.Shots.Count < 2)
        {
            return null;
        }

        var fps = job.Output.FramesPerSecond;
        var starts = FrameStarts(job.Shots, fps);
        var totalSeconds = (double)starts[^1] / fps;
        if (totalSeconds <= segmentSeconds)
        {
            return null;
        }

        // Pieces of about equal length, each ending at the first cut after its share: a boundary inside a transition
        // would need both shots' frames in two jobs.
        var wanted = (int)Math.Ceiling(totalSeconds / segmentSeconds);
        var share = starts[^1] / (double)wanted;
        var firsts = new List<int> { 0 };
        for (var i = 1; i < job.Shots.Count && firsts.Count < wanted; i++)
        {
            if (job.Shots[i].TransitionIn == TransitionKind.Cut && starts[i] >= share * firsts.Count)
            {
                firsts.Add(i);
            }
        }

        if (firsts.Count < 2)
        {
            return null;
        }

        // Durations whole frames long, so each segment on its own rounds to exactly the frames it has in the whole video.
        var shots = job.Shots.Select((s, i) => s with { Duration = (double)(starts[i + 1] - starts[i]) / fps }).ToList();
        var stem = job.Destination.Path[..job.Destination.Path.LastIndexOf('.')];
        var pieces = firsts
            .Select((first, k) => new RenderSegment(
                k, first, (k + 1 < firsts.Count ? firsts[k + 1] : shots.Count) - first,
                job.Destination with { Path = $"{stem}.part{k}.mp4" }))
            .ToList();
        var segments = pieces.Select(piece =>
        {
            var from = (double)starts[piece.FirstShot] / fps;
            var to = (double)starts[piece.FirstShot + piece.ShotCount] / fps;
            return job with
            {
                JobId = $"{job.JobId}-part{piece.Index}",
                Shots = shots.Skip(piece.FirstShot).Take(piece.ShotCount).ToList(),
                Voices = [],
                Music = null,
                SoundEffects = [],
                Subtitles = Within(job.Subtitles, from, to),
                Format = VideoContainer.Mp4,
                Destination = piece.Video,
                Segment = piece,
            };
        }).ToList();
        return new SegmentedRender(segments, job with { Shots = shots, JoinSegments = pieces });
    }

    /// <summary>
    /// Where each shot starts, in frames, and where the video ends: rounded from cumulative seconds, the rule of the
    /// worker's timeline (workers/Serverless.Media/Timeline/RenderTimeline), which the pieces must reproduce exactly.
    /// </summary>
    private static int[] FrameStarts(IReadOnlyList<RenderShot> shots, int fps)
    {
        var starts = new int[shots.Count + 1];
        double elapsed = 0;
        for (var i = 0; i <= shots.Count; i++)
        {
            starts[i] = (int)Math.Round(elapsed * fps, MidpointRounding.AwayFromZero);
            elapsed += i < shots.Count ? shots[i].Duration : 0;
        }

        return starts;
    }

    /// <summary>The cues shown between <paramref name="from"/> and <paramref name="to"/>, on the segment's own clock; one that spans a join is shown on both sides of it.</summary>
    private static List<SubtitleCue> Within(IReadOnlyList<SubtitleCue> cues, double from, double to) =>
        cues.Where(c => c.End > from && c.Start < to)
            .Select(c => c with { Start = Math.Max(c.Start, from) - from, End = Math.Min(c.End, to) - from })
            .ToList();
}
