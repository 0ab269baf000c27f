using Serverless.Media.Rendering;
using Serverless.Media.Subtitles;

namespace Serverless.Media.Tests.Fixtures;

/// <summary>
/// <see cref="SampleJobs.Small"/> as the renderer sees it: three 2 s shots at 360x640, one voice, two Chinese cues,
/// every input a local file.
/// </summary>
public static class SampleRequests
{
    public static RenderRequest Small(IReadOnlyList<string> stills, string? voice, double voiceSeconds, string work = "work", bool subtitles = true) =>
        new(
            new VideoOutput { Width = 360, Height = 640, Preset = "ultrafast", Crf = 28 },
            [
                new ShotClip { Image = stills[0], Duration = 2, Motion = CameraMotion.ZoomIn },
                new ShotClip { Image = stills[1], Duration = 2, Motion = CameraMotion.PanRight, TransitionIn = TransitionKind.Fade, TransitionDuration = 0.5 },
                new ShotClip { Image = stills[2], Duration = 2, Motion = CameraMotion.ZoomOut, TransitionIn = TransitionKind.Wipe, TransitionDuration = 0.5 },
            ],
            voice is null ? [] : [new VoiceClip(voice, 0.3, voiceSeconds)],
            work)
        {
            Subtitles = subtitles
                ? [new SubtitleCue(0.2, 2.6, "今天天气很好", "小明"), new SubtitleCue(2.8, 5.5, "我们去公园吧")]
                : [],
        };
}
