namespace Serverless.Functions.Videos;

/// <summary>Body of <c>POST /api/v1/videos</c> and <c>POST /api/v1/videos/estimate</c> (snake_case on the wire); <see cref="Budget"/> in USD.</summary>
public sealed record CreateVideoRequest(
    string? Script,
    string? Style,
    string? AspectRatio,
    string? Title,
    int? Seed,
    double? TargetDuration,
    string? WebhookUrl = null,
    bool? ApprovalRequired = null,
    string? Music = null,
    Serverless.Studio.Pipeline.WatermarkSettings? Watermark = null,
    string? SubtitleStyle = null,
    string? PlatformPreset = null,
    decimal? Budget = null);
