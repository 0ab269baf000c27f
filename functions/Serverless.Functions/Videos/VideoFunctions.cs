using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Serverless.Contracts.Rendering;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Catalog;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Providers.Ledger;
using Serverless.Studio.Storyboards;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Videos;
using Serverless.Studio.Webhooks;
using Serverless.Studio;

namespace Serverless.Functions.Videos;

/// <summary>One-shot videos: a script in, a task to follow out.</summary>
public sealed class VideoFunctions(
    VideoService videos,
    WebhookService webhooks,
    MusicLibrary music,
    ScriptLimits limits,
    Serverless.Studio.Accounts.VideoQuota quota,
    CostEstimator costs,
    IOptions<StudioOptions> options)
{
    /// <summary>Starts a video from a script; answers 202 with the task to follow.</summary>
    [Function("CreateVideo")]
    [Takes<CreateVideoRequest>]
    [Answers<VideoStarted>(StatusCodes.Status202Accepted)]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests)]
    public async Task<IResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/videos")] HttpRequest req)
    {
        var http = req.HttpContext;
        var (submission, problem) = await ReadAsync(http);
        if (problem is not null)
        {
            return problem;
        }

        if (submission!.Budget is { } budget)
        {
            // Refused (403, 30005) before anything is stored, started or called.
            (await EstimateAsync(http, submission)).ThrowIfOver(budget);
        }

        var started = await videos.SubmitAsync(http.User.UserId(), submission, http.RequestAborted);
        var statusUrl = $"/api/v1/tasks/{started.TaskId}";
        return ApiResults.Accepted(http, statusUrl, new
        {
            task_id = started.TaskId,
            project_id = started.ProjectId,
            status_url = statusUrl,
            // The per-video endpoint's secret, shown this once, to verify the signed callbacks.
            webhook = started.Webhook is { } hook ? new { id = hook.Id, url = hook.Url, secret = hook.Secret } : null,
        });
    }

    /// <summary>
    /// What the video <c>POST /api/v1/videos</c> would make with the same body is expected to cost, per capability, from
    /// its storyboard plan and the providers its calls would go to first; no provider is called and nothing is stored.
    /// </summary>
    [Function("EstimateVideo")]
    [Takes<CreateVideoRequest>]
    [Answers<CostEstimate>]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
    public async Task<IResult> EstimateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/videos/estimate")] HttpRequest req)
    {
        var http = req.HttpContext;
        var (submission, problem) = await ReadAsync(http);
        return problem ?? ApiResults.Ok(http, await EstimateAsync(http, submission!));
    }

    /// <summary>The body as a submission, checked as a video start checks it; or the answer that refuses it.</summary>
    private async Task<(VideoSubmission? Submission, IResult? Problem)> ReadAsync(HttpContext http)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateVideoRequest>(http);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (Validate(http, body!, options.Value) is { } invalid)
        {
            return (null, invalid);
        }

        // Shots, planned length (the plan's and the platform's too) and line length are bounded before anything is stored or started.
        var plan = await quota.PlanOfAsync(http.User.UserId(), http.RequestAborted);
        if (limits.Exceeded(body!.Script!, body.TargetDuration, plan, body.PlatformPreset) is { } tooBig)
        {
            return (null, ApiResults.BadRequest(http, tooBig.Field, tooBig.Reason));
        }

        if (body!.WebhookUrl is not null && await webhooks.CheckUrlAsync(body.WebhookUrl, http.RequestAborted) is { } badUrl)
        {
            return (null, ApiResults.BadRequest(http, "webhook_url", badUrl));
        }

        RenderMusic? bed = null;
        if (body.Music is { } named && (bed = await music.ChooseAsync(named, body.Seed ?? 0, http.RequestAborted)) is null)
        {
            return (null, ApiResults.BadRequest(http, "music", "a background music id or category from GET /api/v1/audio/bgm"));
        }

        // A platform fixes the shape: its aspect ratio wins over aspect_ratio, as for project renders.
        var platform = PlatformPresets.Find(body.PlatformPreset);
        return (new VideoSubmission(
            body!.Script!,
            body.Style ?? "anime",
            platform?.AspectRatio ?? body.AspectRatio ?? "9:16",
            body.Title,
            body.Seed ?? 0,
            body.TargetDuration,
            body.WebhookUrl,
            body.ApprovalRequired ?? false,
            bed,
            VideoLook.Watermark(body.Watermark),
            body.SubtitleStyle,
            platform?.Name,
            body.Budget), null);
    }

    /// <summary>The estimate of the submission's plan; a script the parser refuses is priced at nothing (the video would fail before any call).</summary>
    private async Task<CostEstimate> EstimateAsync(HttpContext http, VideoSubmission submission)
    {
        var (estimate, _) = await costs.ForScriptAsync(
            http.User.UserId(),
            submission.Script,
            new StoryboardOptions(submission.Style, submission.AspectRatio, submission.Seed, submission.TargetDurationSeconds),
            http.RequestAborted);
        return estimate ?? await costs.ForShotsAsync(http.User.UserId(), [], [], http.RequestAborted);
    }

    private static IResult? Validate(HttpContext http, CreateVideoRequest body, StudioOptions options)
    {
        if (body.Script is null)
        {
            return ApiResults.BadRequest(http, "script", "required: the screenplay text");
        }

        if (body.Script.Length > options.MaxScriptCharacters)
        {
            return ApiResults.BadRequest(http, "script", $"at most {options.MaxScriptCharacters} characters");
        }

        if (body.Style is { } style && !VideoFormat.Styles.Contains(style))
        {
            return ApiResults.BadRequest(http, "style", $"one of {string.Join(", ", VideoFormat.Styles)}");
        }

        if (body.AspectRatio is { } ratio && !VideoFormat.Sizes.ContainsKey(ratio))
        {
            return ApiResults.BadRequest(http, "aspect_ratio", $"one of {string.Join(", ", VideoFormat.Sizes.Keys)}");
        }

        if (body.PlatformPreset is { } preset && PlatformPresets.Find(preset) is null)
        {
            return ApiResults.BadRequest(http, "platform_preset", $"one of {string.Join(", ", PlatformPresets.Names)}");
        }

        if (body.TargetDuration is < 5 or > 600)
        {
            return ApiResults.BadRequest(http, "target_duration", "between 5 and 600 seconds");
        }

        if (body.Budget is { } budget && CostEstimate.BudgetProblem(budget) is { } badBudget)
        {
            return ApiResults.BadRequest(http, "budget", badBudget);
        }

        if (body.Title is { Length: > 200 })
        {
            return ApiResults.BadRequest(http, "title", "at most 200 characters");
        }

        if (VideoLook.Problem(body.SubtitleStyle, body.Watermark, format: null) is var (field, expected))
        {
            return ApiResults.BadRequest(http, field, expected);
        }

        return null;
    }
}
