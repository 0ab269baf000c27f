namespace Serverless.Studio.Webhooks;

/// <summary>Event types a webhook can listen to.</summary>
public static class WebhookEvents
{
    public const string VideoCompleted = "video.completed";
    public const string VideoFailed = "video.failed";
    public const string VideoCancelled = "video.cancelled";
    public const string StoryboardReady = "storyboard.ready";

    public static readonly IReadOnlyList<string> All = [VideoCompleted, VideoFailed, VideoCancelled, StoryboardReady];
}
