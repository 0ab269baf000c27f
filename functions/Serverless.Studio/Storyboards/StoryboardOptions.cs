namespace Serverless.Studio.Storyboards;

/// <summary>
/// How to plan a storyboard: picture style (anime, chinese, comic, chibi...), aspect ratio, the seed
/// that makes varied choices repeatable, and the project's target length in seconds (null: as long as
/// the script needs).
/// </summary>
public sealed record StoryboardOptions(string Style = "anime", string AspectRatio = "9:16", int Seed = 0, double? TargetDurationSeconds = null);
