using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Contracts.Rendering;
using Serverless.Media;
using Serverless.Media.Probing;
using Serverless.Media.Rendering;
using Serverless.Render.Benchmarks;
using Serverless.Testing;
using Serverless.Worker.Jobs;

// Renders the reference job in final and preview mode and times a bare encode of the same length beside it, and an
// encode of the final's own frames; then a long video whole against in four segments rendered at once and joined.
// Usage (infra/local/dev.sh bench render): dotnet run -c Release --project tests/Serverless.Render.Benchmarks -- [--output FILE] [--keep DIR] [--short]
// --short: the long video lasts 60 s instead of 5 minutes (the same keys; segmented_video_s says which).
if (args.Any(a => a is "-h" or "--help"))
{
    Console.Error.WriteLine("usage: Serverless.Render.Benchmarks [--output artifacts/bench/render.json] [--keep DIR] [--short]");
    return 2;
}

const int Workers = 4;
var longSeconds = args.Contains("--short") ? 60.0 : 300.0;

var output = Option("--output") ?? Option("--out") ?? Path.Combine("artifacts", "bench", "render.json");
var keep = Option("--keep");
var folder = keep ?? Path.Combine(Path.GetTempPath(), $"render-bench-{Guid.NewGuid():N}");
Directory.CreateDirectory(folder);
var options = new MediaOptions();
var renderer = new FfmpegVideoRenderer(options, new MediaProbe(options));

try
{
    var (job, images, voices) = await ReferenceJob.PrepareAsync(folder);
    var music = new MusicBed(await ReferenceJob.MusicAsync(folder), Volume: 0.3, FadeInSeconds: 1, FadeOutSeconds: 2, DuckUnderSpeech: true);

    // The job as the worker hands it to the renderer, with the reference music bed the job itself does not carry.
    RenderRequest Request(RenderJob renderJob, string name) =>
        RenderRequestMapping.Request(renderJob, images, voices, Path.Combine(folder, name), music: null, watermarkImage: null) with { Music = music };
    var seconds = ReferenceJob.Seconds.ToString(CultureInfo.InvariantCulture);

    var cpu = ProcessUsage.ChildCpuSeconds();
    var floor = Stopwatch.StartNew();
    await ReferenceJob.RunAsync("ffmpeg", "-v", "error", "-y",
        "-f", "lavfi", "-i", "testsrc2=size=1080x1920:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
        "-t", seconds, "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", Path.Combine(folder, "floor.mp4"));
    floor.Stop();
    var floorCpu = ProcessUsage.ChildCpuSeconds() - cpu;
    Console.WriteLine($"encode floor: {floor.Elapsed.TotalSeconds:F1} s, {floorCpu:F1} s CPU");

    cpu = ProcessUsage.ChildCpuSeconds();
    var final = await renderer.RenderAsync(Request(job, "final"), null, CancellationToken.None);
    var finalCpu = ProcessUsage.ChildCpuSeconds() - cpu;
    Console.WriteLine($"final: {final.Elapsed.TotalSeconds:F1} s, {finalCpu:F1} s CPU for {final.DurationSeconds:F1} s of 1080x1920");

    // The preview the product renders: the preset decides size, frame rate and encoder speed.
    var previewJob = job with { Output = OutputPresets.For("douyin", RenderMode.Preview) };
    cpu = ProcessUsage.ChildCpuSeconds();
    var preview = await renderer.RenderAsync(Request(previewJob, "preview"), null, CancellationToken.None);
    var previewCpu = ProcessUsage.ChildCpuSeconds() - cpu;
    Console.WriteLine($"preview: {preview.Elapsed.TotalSeconds:F1} s, {previewCpu:F1} s CPU for {preview.DurationSeconds:F1} s of {previewJob.Output.Width}x{previewJob.Output.Height} at {previewJob.Output.FramesPerSecond} fps");

    var finalPeak = ProcessUsage.LargestProcessMegabytes();

    // The true floor for our content: the final's own frames (decoded once into a lossless intermediate, untimed)
    // encoded again with the final's encoder settings, so x264 works on exactly the pictures the render gave it.
    var intermediate = Path.Combine(folder, "same-frames.mkv");
    await ReferenceJob.RunAsync("ffmpeg", "-v", "error", "-y", "-i", final.VideoPath, "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-c:a", "pcm_s16le", intermediate);
    cpu = ProcessUsage.ChildCpuSeconds();
    var sameFrames = Stopwatch.StartNew();
    await ReferenceJob.RunAsync("ffmpeg", "-v", "error", "-y", "-i", intermediate,
        "-c:v", "libx264", "-preset", job.Output.Preset, "-crf", job.Output.Crf.ToString(CultureInfo.InvariantCulture), "-pix_fmt", "yuv420p",
        "-r", job.Output.FramesPerSecond.ToString(CultureInfo.InvariantCulture),
        "-c:a", "aac", "-b:a", $"{job.Output.AudioBitrateKbps}k", "-ar", "48000", "-movflags", "+faststart", Path.Combine(folder, "same-frames.mp4"));
    sameFrames.Stop();
    var sameFramesCpu = ProcessUsage.ChildCpuSeconds() - cpu;
    Console.WriteLine($"same frames: {sameFrames.Elapsed.TotalSeconds:F1} s, {sameFramesCpu:F1} s CPU");

    // A long video: one worker renders it whole; four render its segments at the same time (each worker's render is
    // one ffmpeg process, so four concurrent renders here load the machine as four worker processes do), then one joins.
    var (longJob, longImages, longVoices) = ReferenceJob.Long(job, images, voices, longSeconds);
    RenderRequest LongRequest(RenderJob renderJob, string name) =>
        RenderRequestMapping.Request(renderJob, longImages, longVoices, Path.Combine(folder, name), music: null, watermarkImage: null) with { Music = music };
    var one = await renderer.RenderAsync(LongRequest(longJob, "long-whole"), null, CancellationToken.None);
    Console.WriteLine($"long video, one worker: {one.Elapsed.TotalSeconds:F1} s for {one.DurationSeconds:F1} s");
    File.Delete(one.VideoPath);

    var split = RenderSegments.Split(longJob, (longSeconds / Workers) + 1) ?? throw new InvalidOperationException("The long video did not split.");
    var segmented = Stopwatch.StartNew();
    var parts = await Task.WhenAll(split.Segments.Select(async segment =>
    {
        var piece = segment.Segment!;
        var request = RenderRequestMapping.Request(
            segment, longImages.Skip(piece.FirstShot).Take(piece.ShotCount).ToList(), [], Path.Combine(folder, $"long-part{piece.Index}"), null, null);
        var rendered = await renderer.RenderAsync(request, null, CancellationToken.None);
        return new SegmentFile(rendered.VideoPath, piece.FirstShot, piece.ShotCount);
    }));
    var joined = await new SegmentJoiner(options).JoinAsync(LongRequest(split.Join, "long-join"), parts, CancellationToken.None);
    segmented.Stop();
    Console.WriteLine($"long video, {split.Segments.Count} segments at once and a join ({joined.Elapsed.TotalSeconds:F1} s): {segmented.Elapsed.TotalSeconds:F1} s");

    var report = new JsonObject
    {
        ["final_s"] = Round(final.Elapsed.TotalSeconds),
        ["encode_floor_s"] = Round(floor.Elapsed.TotalSeconds),
        ["final_ratio_to_floor"] = Round(final.Elapsed.TotalSeconds / floor.Elapsed.TotalSeconds),
        ["same_frames_s"] = Round(sameFrames.Elapsed.TotalSeconds),
        ["final_ratio_to_same_frames"] = Round(final.Elapsed.TotalSeconds / sameFrames.Elapsed.TotalSeconds),
        ["preview_s"] = Round(preview.Elapsed.TotalSeconds),
        ["preview_realtime_factor"] = Round(preview.DurationSeconds / preview.Elapsed.TotalSeconds),
        ["peak_rss_mb"] = Round(finalPeak),
        // CPU seconds of the ffmpeg runs: comparable across runs on a busy machine, where wall times are not.
        ["final_cpu_s"] = Round(finalCpu),
        ["encode_floor_cpu_s"] = Round(floorCpu),
        ["final_cpu_ratio_to_floor"] = Round(finalCpu / floorCpu),
        ["preview_cpu_s"] = Round(previewCpu),
        ["same_frames_cpu_s"] = Round(sameFramesCpu),
        ["final_cpu_ratio_to_same_frames"] = Round(finalCpu / sameFramesCpu),
        ["segmented_5min_speedup_4_workers"] = Round(one.Elapsed.TotalSeconds / segmented.Elapsed.TotalSeconds),
        ["segmented_video_s"] = Round(one.DurationSeconds),
        ["segmented_one_worker_s"] = Round(one.Elapsed.TotalSeconds),
        ["segmented_4_workers_s"] = Round(segmented.Elapsed.TotalSeconds),
        ["segmented_join_s"] = Round(joined.Elapsed.TotalSeconds),
        ["segments"] = split.Segments.Count,
        ["segmented_peak_rss_mb"] = Round(ProcessUsage.LargestProcessMegabytes()),
        ["preview_fps"] = previewJob.Output.FramesPerSecond,
        ["video_s"] = ReferenceJob.Seconds,
        ["shots"] = ReferenceJob.Shots,
        ["cores"] = Environment.ProcessorCount,
        ["background_music"] = "ducked",
    };
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
    await File.WriteAllTextAsync(output, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    Console.WriteLine(report.ToJsonString());
    Console.WriteLine(Path.GetFullPath(output));
    return 0;
}
finally
{
    if (keep is null)
    {
        Directory.Delete(folder, recursive: true);
    }
}

string? Option(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static double Round(double value) => Math.Round(value, 2);
