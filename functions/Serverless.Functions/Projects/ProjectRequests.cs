using Serverless.Studio.Projects;

namespace Serverless.Functions.Projects;

/// <summary>Body of <c>POST /api/v1/projects</c> and <c>PATCH /api/v1/projects/{id}</c> (snake_case on the wire).</summary>
public sealed record ProjectRequest(
    string? Name,
    string? Description,
    string? Style,
    string? AspectRatio,
    double? TargetDuration,
    int? Seed,
    bool? ApprovalRequired,
    string? Script)
{
    public ProjectDraft ToDraft() => new(Name, Description, Style, AspectRatio, TargetDuration, Seed, ApprovalRequired, Script);
}

/// <summary>Body of <c>PUT /api/v1/projects/{id}/script</c>.</summary>
public sealed record ScriptRequest(string? Content);

/// <summary>
/// Body of <c>POST .../storyboard/generate</c> (optional): <c>draw_images</c> makes the same task go on to draw every
/// planned shot (one billed unit each, as <c>generate-images</c>), so the first picture follows the plan at once.
/// </summary>
public sealed record GenerateStoryboardRequest(bool? DrawImages);

/// <summary>Body of <c>POST .../storyboard/approve</c> (optional).</summary>
public sealed record ApprovalRequest(string? Comment);

/// <summary>
/// Body of <c>POST .../render/final</c> and <c>.../render/preview</c> (optional): size, platform, subtitle preset,
/// a text watermark <c>{text, position, opacity}</c> and background music (a catalog track id or category).
/// </summary>
public sealed record RenderRequest(
    string? Resolution,
    string? Format,
    string? PlatformPreset,
    string? SubtitleStyle = null,
    Serverless.Studio.Pipeline.WatermarkSettings? Watermark = null,
    string? Music = null,
    decimal? Budget = null)
{
    public RenderSettings ToSettings() => new(Resolution, Format, PlatformPreset, SubtitleStyle, Watermark, Music, Budget);
}

/// <summary>A project as the API shows it: its settings and where its work stands, without storage internals.</summary>
public sealed record ProjectView(
    string Id,
    string Name,
    string? Description,
    string Style,
    string AspectRatio,
    double? TargetDuration,
    int Seed,
    bool ApprovalRequired,
    bool HasScript,
    DateTimeOffset? ScriptUpdatedAt,
    string? LatestTaskId,
    bool HasVideo,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ProjectView Of(Project p) => new(
        p.Id, p.Name, p.Description, p.Style, p.AspectRatio, p.TargetDurationSeconds, p.Seed, p.ApprovalRequired,
        p.ScriptUpdatedAt is not null, p.ScriptUpdatedAt, p.LatestTaskId, p.Video is not null, p.CreatedAt, p.UpdatedAt);
}
