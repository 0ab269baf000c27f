using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Serverless.Batch.Benchmarks;

/// <summary>
/// The orchestration's overhead per video, from the task-hub timings in the app's logs (TaskHubTimings): see
/// <see cref="Definition"/>.
/// </summary>
public sealed partial record Overhead(IReadOnlyList<Overhead.Video> Videos, int SpanningKill)
{
    public const string Definition =
        "Per video, from the app's task-hub timings: the life of its VideoOrchestrator instance (first episode start to " +
        "last episode end) is cut into the time any of its activities was executing (the union of their intervals: " +
        "storyboard, cast, voices, pictures, render submission, publish, notices), the render window (from the end of " +
        "SubmitRenderActivity, which queues the job, to the start of PublishVideoActivity) and the rest. The rest is " +
        "orchestration overhead: task-hub hops between steps (orchestrator to activity and the result back), waits " +
        "for a free activity slot, history loads, replays and state writes. The render window holds the worker's " +
        "render seconds and, apart from them, the job's queue hop to the worker, its wait for the worker's one slot " +
        "behind other videos' jobs, the worker's download, checks and upload, and the result's hop back: reported as " +
        "render_window_other_s, not counted as orchestration overhead as the worker's own share is not measured apart. " +
        "Episode seconds (replay plus the orchestrator's decisions) are reported on their own. The batch's per-product " +
        "steps (StartProductVideo, RecordProductVideo) are batch_steps_s_per_video (their activity time). Videos whose " +
        "life spans the app's kill are left out (their figures hold the restart). slot_wait_s is the part of the overhead " +
        "during which every activity slot of the app (Durable:MaxConcurrentActivities) was executing some video's " +
        "activity: a step queued behind other videos' work (their speech synthesis at the batch's start) rather than a hop.";

    public sealed record Video(
        string InstanceId, double LifeS, double WorkS, double RenderWindowS, double RenderS, double EpisodeS, int Episodes, int Activities, double SlotWaitS)
    {
        public double OverheadS => Math.Max(0, LifeS - WorkS - RenderWindowS);

        public double RenderWindowOtherS => Math.Max(0, RenderWindowS - RenderS);
    }

    public double BatchStepsSeconds { get; init; }

    public static Overhead Measure(IEnumerable<string> appLogs, IReadOnlyDictionary<string, double> renderSeconds, DateTimeOffset? killedAt, int activitySlots)
    {
        var timings = appLogs.SelectMany(File.ReadLines).Select(line => Timing().Match(line)).Where(m => m.Success)
            .Select(m => (Kind: m.Groups[1].Value, Name: m.Groups[2].Value, Instance: m.Groups[3].Value,
                Start: long.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) / 1000.0,
                Seconds: double.Parse(m.Groups[5].Value, CultureInfo.InvariantCulture) / 1000))
            .ToList();
        var slotsFull = Full(timings.Where(t => t.Kind == "activity").Select(t => (t.Start, t.Start + t.Seconds)).ToList(), activitySlots);
        var videos = new List<Video>();
        var spanning = 0;
        foreach (var (instance, render) in renderSeconds)
        {
            var mine = timings.Where(t => t.Instance == instance).ToList();
            var episodes = mine.Where(t => t.Kind == "episode").ToList();
            if (episodes.Count == 0)
            {
                continue;
            }

            var (from, to) = (episodes.Min(e => e.Start), episodes.Max(e => e.Start + e.Seconds));
            if (killedAt is { } kill && kill.ToUnixTimeMilliseconds() / 1000.0 is var k && k > from && k < to)
            {
                spanning++;
                continue;
            }

            var activities = mine.Where(t => t.Kind == "activity").Select(t => (t.Start, End: t.Start + t.Seconds)).OrderBy(t => t.Start).ToList();
            var submitted = mine.Where(t => t.Name == "SubmitRenderActivity").Select(t => t.Start + t.Seconds).DefaultIfEmpty(double.NaN).Max();
            var published = mine.Where(t => t.Name == "PublishVideoActivity").Select(t => t.Start).DefaultIfEmpty(double.NaN).Min();
            if (double.IsNaN(submitted) || double.IsNaN(published))
            {
                continue;
            }

            var gaps = Minus([(from, to)], [.. activities, (submitted, published)]);
            var slotWait = Intersection(gaps, slotsFull).Sum(g => g.End - g.Start);
            videos.Add(new Video(instance, to - from, Union(activities), published - submitted, render, episodes.Sum(e => e.Seconds), episodes.Count, activities.Count, slotWait));
        }

        var batchSteps = timings.Where(t => t.Kind == "activity" && t.Name is "StartProductVideoActivity" or "RecordProductVideoActivity").Sum(t => t.Seconds);
        return new Overhead(videos, spanning) { BatchStepsSeconds = renderSeconds.Count == 0 ? 0 : batchSteps / renderSeconds.Count };
    }

    public JsonObject ToJson(double meanRender)
    {
        double Mean(Func<Video, double> f) => Videos.Count == 0 ? 0 : Math.Round(Videos.Average(f), 3);
        double P50(Func<Video, double> f) => Videos.Count == 0 ? 0 : Math.Round(Videos.Select(f).Order().ElementAt(Videos.Count / 2), 3);
        return new JsonObject
        {
            ["definition"] = Definition,
            ["videos_measured"] = Videos.Count,
            ["videos_spanning_the_kill"] = SpanningKill,
            ["overhead_per_video_s_mean"] = Mean(v => v.OverheadS),
            ["overhead_per_video_s_p50"] = P50(v => v.OverheadS),
            ["overhead_percent_of_render"] = meanRender <= 0 ? null : Math.Round(Mean(v => v.OverheadS) / meanRender * 100, 1),
            ["slot_wait_s_mean"] = Mean(v => Math.Min(v.SlotWaitS, v.OverheadS)),
            ["overhead_without_slot_waits_s_mean"] = Mean(v => Math.Max(0, v.OverheadS - v.SlotWaitS)),
            ["overhead_without_slot_waits_percent_of_render"] = meanRender <= 0 ? null : Math.Round(Mean(v => Math.Max(0, v.OverheadS - v.SlotWaitS)) / meanRender * 100, 1),
            ["video_life_s_mean"] = Mean(v => v.LifeS),
            ["activity_work_s_mean"] = Mean(v => v.WorkS),
            ["render_window_s_mean"] = Mean(v => v.RenderWindowS),
            ["render_s_mean"] = Mean(v => v.RenderS),
            ["render_window_other_s_mean"] = Mean(v => v.RenderWindowOtherS),
            ["episode_s_per_video_mean"] = Mean(v => v.EpisodeS),
            ["episodes_per_video_mean"] = Mean(v => v.Episodes),
            ["activities_per_video_mean"] = Mean(v => v.Activities),
            ["batch_steps_s_per_video"] = Math.Round(BatchStepsSeconds, 3),
        };
    }

    private static double Union(List<(double Start, double End)> sorted)
    {
        var (total, end) = (0.0, double.MinValue);
        foreach (var (start, stop) in sorted)
        {
            if (stop <= end)
            {
                continue;
            }

            total += stop - Math.Max(start, end);
            end = stop;
        }

        return total;
    }

    /// <summary>Where at least <paramref name="slots"/> of the intervals overlap.</summary>
    private static List<(double Start, double End)> Full(List<(double Start, double End)> intervals, int slots)
    {
        var edges = intervals.SelectMany(i => new[] { (At: i.Start, Step: 1), (At: i.End, Step: -1) }).OrderBy(e => e.At).ThenBy(e => e.Step).ToList();
        var (full, running, since) = (new List<(double, double)>(), 0, 0.0);
        foreach (var (at, step) in edges)
        {
            if (running >= slots && running + step < slots)
            {
                full.Add((since, at));
            }
            else if (running < slots && running + step >= slots)
            {
                since = at;
            }

            running += step;
        }

        return full;
    }

    /// <summary>The parts of <paramref name="from"/> that none of <paramref name="cuts"/> covers.</summary>
    private static List<(double Start, double End)> Minus(List<(double Start, double End)> from, List<(double Start, double End)> cuts)
    {
        var left = from;
        foreach (var (cutStart, cutEnd) in cuts)
        {
            left = left.SelectMany(p => new[] { (p.Start, Math.Min(p.End, cutStart)), (Math.Max(p.Start, cutEnd), p.End) })
                .Where(p => p.Item2 > p.Item1).ToList();
        }

        return left;
    }

    private static IEnumerable<(double Start, double End)> Intersection(List<(double Start, double End)> a, List<(double Start, double End)> b) =>
        a.SelectMany(x => b.Select(y => (Start: Math.Max(x.Start, y.Start), End: Math.Min(x.End, y.End)))).Where(p => p.End > p.Start);

    [GeneratedRegex(@"Timing (activity|episode) (\S+) (\S+) (\d+) ([\d.]+)")]
    private static partial Regex Timing();
}
