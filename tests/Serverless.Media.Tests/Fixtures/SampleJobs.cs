using Serverless.Contracts.Rendering;

namespace Serverless.Media.Tests.Fixtures;

/// <summary>The small job most tests render: three 2 s shots at 360x640, one voice, two Chinese cues.</summary>
public static class SampleJobs
{
    public const string VoiceText = "今天天气很好，我们去公园吧";

    public static RenderJob Small(IReadOnlyList<BlobRef> images, BlobRef? voice, double voiceSeconds, bool subtitles = true) => new()
    {
        JobId = $"job-{Guid.NewGuid():N}",
        UserId = "user-1",
        ProjectId = "project-1",
        OrchestrationInstanceId = $"instance-{Guid.NewGuid():N}",
        Output = new RenderOutput { Width = 360, Height = 640, Preset = "ultrafast", Crf = 28 },
        Shots =
        [
            new RenderShot { Image = images[0], Duration = 2, Motion = CameraMotion.ZoomIn },
            new RenderShot { Image = images[1], Duration = 2, Motion = CameraMotion.PanRight, TransitionIn = TransitionKind.Fade, TransitionDuration = 0.5 },
            new RenderShot { Image = images[2], Duration = 2, Motion = CameraMotion.ZoomOut, TransitionIn = TransitionKind.Wipe, TransitionDuration = 0.5 },
        ],
        Voices = voice is null ? [] : [new RenderVoice(voice, 0.3, voiceSeconds)],
        Subtitles = subtitles
            ? [new SubtitleCue(0.2, 2.6, "今天天气很好", "小明"), new SubtitleCue(2.8, 5.5, "我们去公园吧")]
            : [],
        Destination = new BlobRef("renders", $"user-1/project-1/{Guid.NewGuid():N}/video.mp4"),
    };
}
