using System.Diagnostics;
using Serverless.Contracts.Rendering;

namespace Serverless.Render.Benchmarks;

/// <summary>
/// The reference job of issue 5: 12 shots with 0.5 s crossfades, 54.5 s in all (each still on screen 5 s counting
/// the overlap), Ken Burns zoom on every shot, a voice line and a Chinese subtitle per shot.
/// </summary>
internal static class ReferenceJob
{
    public const int Shots = 12;
    public const double Seconds = 54.5;

    private static readonly string[] Lines =
    [
        "清晨的城市慢慢醒来", "小明骑着自行车穿过街道", "他在路口遇见了小红", "两个人一起走进咖啡店",
        "窗外下起了小雨", "他们聊起了小时候的梦想", "小红拿出一本旧相册", "照片里是海边的夏天",
        "小明笑着说那天他迟到了", "雨停了阳光照进来", "他们决定周末去看海", "故事才刚刚开始",
    ];

    /// <summary>A 10 s two-chord bed (CC0 by construction: generated here), looped under the whole video.</summary>
    public static async Task<string> MusicAsync(string folder)
    {
        var path = Path.Combine(folder, "music.wav");
        await RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi",
            "-i", "aevalsrc='0.2*sin(2*PI*220*t)+0.15*sin(2*PI*277*t)+0.15*sin(2*PI*330*t)*lt(mod(t,4),2)':s=48000:d=10", path);
        return path;
    }

    public static async Task<(RenderJob Job, List<string> Images, List<string> Voices)> PrepareAsync(string folder)
    {
        var images = new List<string>();
        var voices = new List<string>();
        var voiceRefs = new List<RenderVoice>();
        var cues = new List<SubtitleCue>();
        var shots = new List<RenderShot>();
        double start = 0;
        for (var i = 0; i < Shots; i++)
        {
            var image = Path.Combine(folder, $"shot-{i}.png");
            await RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", $"testsrc2=size=1024x1536:rate=1,hue=h={i * 30}", "-frames:v", "1", image);
            images.Add(image);
            var voice = Path.Combine(folder, $"voice-{i}.wav");
            await RunAsync("espeak-ng", "-v", "cmn-latn-pinyin", "-w", voice, Lines[i]);
            voices.Add(voice);

            var duration = i == Shots - 1 ? 5.0 : 4.5;
            shots.Add(new RenderShot
            {
                Image = new BlobRef("assets", $"shot-{i}.png"),
                Duration = duration,
                Motion = i % 2 == 0 ? CameraMotion.ZoomIn : CameraMotion.ZoomOut,
                TransitionIn = i == 0 ? TransitionKind.Cut : TransitionKind.Fade,
                TransitionDuration = 0.5,
            });
            voiceRefs.Add(new RenderVoice(new BlobRef("assets", $"voice-{i}.wav"), start + 0.3, 3.8));
            cues.Add(new SubtitleCue(start + 0.3, start + duration - 0.2, Lines[i], i % 2 == 0 ? "小明" : "小红"));
            start += duration;
        }

        var job = new RenderJob
        {
            JobId = "bench",
            UserId = "bench",
            ProjectId = "bench",
            OrchestrationInstanceId = "bench",
            Output = new RenderOutput { Width = 1080, Height = 1920, Preset = "veryfast", Crf = 23, AudioBitrateKbps = 128 },
            Shots = shots,
            Voices = voiceRefs,
            Subtitles = cues,
            Destination = new BlobRef("renders", "bench.mp4"),
        };
        return (job, images, voices);
    }

    /// <summary>
    /// A longer video from the same stills and voices (<see cref="PrepareAsync"/>), as a long final render: shots of 4.5 s,
    /// every third entering on a cut (a place to split it) and the others crossfading.
    /// </summary>
    public static (RenderJob Job, List<string> Images, List<string> Voices) Long(RenderJob reference, List<string> images, List<string> voices, double seconds)
    {
        var count = (int)Math.Ceiling(seconds / 4.5);
        var shots = new List<RenderShot>();
        var voiceRefs = new List<RenderVoice>();
        var cues = new List<SubtitleCue>();
        var (longImages, longVoices) = (new List<string>(), new List<string>());
        for (var i = 0; i < count; i++)
        {
            var k = i % Shots;
            shots.Add(reference.Shots[k] with { Duration = 4.5, TransitionIn = i % 3 == 0 ? TransitionKind.Cut : TransitionKind.Fade });
            voiceRefs.Add(reference.Voices[k] with { Start = (i * 4.5) + 0.3 });
            cues.Add(reference.Subtitles[k] with { Start = (i * 4.5) + 0.3, End = (i * 4.5) + 4.3 });
            longImages.Add(images[k]);
            longVoices.Add(voices[k]);
        }

        return (reference with { Shots = shots, Voices = voiceRefs, Subtitles = cues }, longImages, longVoices);
    }

    public static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} exited with {process.ExitCode}: {await stderr}");
        }
    }
}
