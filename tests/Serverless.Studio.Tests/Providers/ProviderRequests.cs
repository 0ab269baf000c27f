using Serverless.Studio.Screenplays;
using Serverless.Studio.ShotImages;
using Serverless.Studio.Speech;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Tests.Providers;

/// <summary>Typical requests for the providers under test.</summary>
public static class ProviderRequests
{
    public static ShotImageRequest Shot(int width = 540, int height = 960) => new()
    {
        ShotId = "shot-002",
        Framing = ShotFraming.Closeup,
        Location = "现代都市街道",
        Time = "傍晚",
        Characters = [new Character("小明", ["男", "学生"]), new Character("小红", ["女", "学生"])],
        Speaker = "小明",
        Text = "今天的作业你写完了吗？",
        LineType = ScriptLineType.Dialogue,
        Style = "comic",
        Width = width,
        Height = height,
    };

    public static SpeechRequest Line() => new()
    {
        Text = "我有点紧张……",
        Character = "小红",
        CharacterAttributes = ["女", "学生"],
        Emotion = "紧张",
    };

    public static Storyboard Storyboard() => new(
        [
            new StoryboardShot
            {
                Id = "shot-001", Index = 0, SceneId = "scene-1", Location = "Kitchen", Time = "morning", Framing = ShotFraming.Long,
                LineType = ScriptLineType.Action, Text = "Mia opens the blinds.", CharactersInFrame = ["Mia"], Duration = 2.5,
                ImagePrompt = "rules prompt 1",
            },
            new StoryboardShot
            {
                Id = "shot-002", Index = 1, SceneId = "scene-1", Location = "Kitchen", Time = "morning", Framing = ShotFraming.Medium,
                LineType = ScriptLineType.Dialogue, Character = "Leo", Text = "Coffee?", Emotion = "tired", CharactersInFrame = ["Leo", "Mia"],
                Duration = 1.5, SpeechSeconds = 1.0, ImagePrompt = "rules prompt 2",
            },
        ],
        "anime",
        "9:16");
}
