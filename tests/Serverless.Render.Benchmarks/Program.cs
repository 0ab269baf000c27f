using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Contracts.Rendering;
using Serverless.Media;
using Serverless.Media.Probing;
using Serverless.Media.Rendering;
using Serverless.Render.Benchmarks;
using Serverless.Worker.Jobs;

// Renders the reference job in final and preview mode and times a bare encode of the same length beside it.
// Usage (infra/local/dev.sh bench render): dotnet run -c Release --project tests/Serverless.Render.Benchmarks -- [--output FILE] [--keep DIR]
if (args.Any(a => a is "-h" or "--help"))
{
    Console.Error.WriteLine("usage: Serverless.Render.Benchmarks [--output artifacts/bench/render.json] [--keep DIR]");
    return 2;
}

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

    var report = new JsonObject
    {
        ["final_s"] = Round(final.Elapsed.TotalSeconds),
        ["encode_floor_s"] = Round(floor.Elapsed.TotalSeconds),
        ["final_ratio_to_floor"] = Round(final.Elapsed.TotalSeconds / floor.Elapsed.TotalSeconds),
        ["preview_s"] = Round(preview.Elapsed.TotalSeconds),
        ["preview_realtime_factor"] = Round(preview.DurationSeconds / preview.Elapsed.TotalSeconds),
        ["peak_rss_mb"] = Round(ProcessUsage.LargestProcessMegabytes()),
        // CPU seconds of the ffmpeg runs: comparable across runs on a busy machine, where wall times are not.
        ["final_cpu_s"] = Round(finalCpu),
        ["encode_floor_cpu_s"] = Round(floorCpu),
        ["final_cpu_ratio_to_floor"] = Round(finalCpu / floorCpu),
        ["preview_cpu_s"] = Round(previewCpu),
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
