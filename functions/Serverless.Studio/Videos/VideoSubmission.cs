namespace Serverless.Studio.Videos;

/// <summary>A request to turn a script into a video, as a user sends it.</summary>
/// <remarks>
/// <see cref="Music"/> is already chosen from the catalog (<see cref="Catalog.MusicLibrary"/>). <see cref="Preview"/> renders
/// the quick 540 px, 15 fps preview instead of the deliverable.
/// </remarks>
public sealed record VideoSubmission(
    string Script,
    string Style,
    string AspectRatio,
    string? Title = null,
    int Seed = 0,
    double? TargetDurationSeconds = null,
    string? WebhookUrl = null,
    bool ApprovalRequired = false,
    Contracts.Rendering.RenderMusic? Music = null,
    Contracts.Rendering.RenderWatermark? Watermark = null,
    string? SubtitleStyle = null,
    string? PlatformPreset = null,
    decimal? Budget = null,
    bool Preview = false);

/// <summary>Ids chosen before a video starts (an upload's receipt holds them), so a repeated start makes the same video.</summary>
public sealed record VideoIds(string ProjectId, string TaskId);

/// <summary>What a caller gets back at once: where to follow the work.</summary>
public sealed record SubmittedVideo(string TaskId, string ProjectId, Webhooks.WebhookEndpoint? Webhook = null);
