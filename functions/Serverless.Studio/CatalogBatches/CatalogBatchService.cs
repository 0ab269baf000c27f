using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Orchestrations;
using Serverless.Studio.ProductCatalogs;
using Serverless.Studio.Projects;
using Serverless.Studio.Tasks;
using Serverless.Studio.Videos;
using Serverless.Studio.VideoTemplates;

namespace Serverless.Studio.CatalogBatches;

/// <summary>Starts catalog batches (new videos, or a refresh of the stale ones) and lists each product's latest video.</summary>
public sealed class CatalogBatchService(
    ProductCatalogStore catalogs,
    CatalogVideoStore videos,
    VideoTemplateStore templates,
    VideoTaskStore tasks,
    VideoDownloads downloads,
    DurableTaskClient durable,
    IOptions<CatalogBatchOptions> options,
    TimeProvider time,
    ILogger<CatalogBatchService> logger)
{
    public const int MaxSkus = 1_000;
    public const int MaxTextLength = 200;

    /// <summary>
    /// Starts one batch; <paramref name="refresh"/> renders only what changed, each product with the template and preset of
    /// its latest video unless <paramref name="start"/> names them.
    /// </summary>
    public async Task<Outcome<SubmittedVideo>> StartAsync(string userId, string catalogId, CatalogBatchStart start, bool refresh, CancellationToken cancellationToken = default)
    {
        if (await catalogs.FindAsync(userId, catalogId, cancellationToken) is null)
        {
            return Outcome<SubmittedVideo>.NotFound();
        }

        if (Check(start, refresh) is { } invalid)
        {
            return invalid;
        }

        if (start.TemplateId is { } templateId && await templates.FindAsync(userId, templateId, cancellationToken) is null)
        {
            return Outcome<SubmittedVideo>.Invalid("template_id", $"no template '{templateId}' (GET /api/v1/templates)");
        }

        var projectId = ProductVideoIds.BatchProjectId(userId, catalogId);
        var taskId = StudioIds.NewTaskId(projectId);
        var now = time.GetUtcNow();
        await tasks.UpsertAsync(new VideoTask
        {
            Id = taskId,
            ProjectId = projectId,
            UserId = userId,
            InstanceId = taskId,
            Status = VideoTaskStatus.Queued,
            CreatedAt = now,
            UpdatedAt = now,
            CatalogId = catalogId,
        }, cancellationToken);
        var settings = options.Value;
        var request = new CatalogBatchRequest(
            taskId, projectId, userId, catalogId, start.TemplateId, Blank(start.Filter?.Category), start.Filter?.Skus, PlatformPresets.Find(start.PlatformPreset)?.Name,
            start.Preview, refresh, settings.MaxParallelVideos, settings.Attempts, settings.SlotRetryInterval.TotalSeconds,
            ScriptDrafts.ScriptSources.Find(start.ScriptSource));
        await durable.ScheduleNewOrchestrationInstanceAsync(
            nameof(CatalogBatchOrchestrator), request, new StartOrchestrationOptions(InstanceId: taskId), cancellationToken);
        logger.LogInformation("Catalog batch {TaskId} of catalog {CatalogId} started by {UserId} (refresh: {Refresh})", taskId, catalogId, userId, refresh);
        return Outcome<SubmittedVideo>.Ok(new SubmittedVideo(taskId, projectId));
    }

    /// <summary>Each product's latest video, by SKU, with a download link once it is rendered.</summary>
    public async Task<Outcome<IReadOnlyList<CatalogVideoView>>> ListLatestAsync(string userId, string catalogId, CancellationToken cancellationToken = default)
    {
        if (await catalogs.FindAsync(userId, catalogId, cancellationToken) is null)
        {
            return Outcome<IReadOnlyList<CatalogVideoView>>.NotFound();
        }

        var views = new List<CatalogVideoView>();
        foreach (var video in CatalogVideo.LatestPerProduct(await videos.ListByCatalogAsync(userId, catalogId, cancellationToken)))
        {
            var download = video.Status == CatalogVideoStatuses.Completed ? await downloads.FindAsync(userId, video.ProjectId, cancellationToken) : null;
            views.Add(new CatalogVideoView(
                video.Sku, video.Status, video.VideoId, video.ProjectId, video.TemplateId, video.PlatformPreset, video.RenderedAt, video.ContentHash,
                download?.DownloadUrl, download?.ExpiresAt, video.ScriptSource ?? ScriptDrafts.ScriptSources.Template, video.ScriptModel, video.ScriptReason));
        }

        return Outcome<IReadOnlyList<CatalogVideoView>>.Ok(views);
    }

    private static Outcome<SubmittedVideo>? Check(CatalogBatchStart start, bool refresh)
    {
        if (!refresh && string.IsNullOrWhiteSpace(start.TemplateId))
        {
            return Outcome<SubmittedVideo>.Invalid("template_id", "required: the template to render the products with");
        }

        if (start.TemplateId is { Length: > MaxTextLength })
        {
            return Outcome<SubmittedVideo>.Invalid("template_id", $"at most {MaxTextLength} characters");
        }

        if (start.PlatformPreset is not null && PlatformPresets.Find(start.PlatformPreset) is null)
        {
            return Outcome<SubmittedVideo>.Invalid("platform_preset", $"one of {string.Join(", ", PlatformPresets.Names)}");
        }

        if (start.ScriptSource is not null && ScriptDrafts.ScriptSources.Find(start.ScriptSource) is null)
        {
            return Outcome<SubmittedVideo>.Invalid("script_source", $"one of {string.Join(", ", ScriptDrafts.ScriptSources.All)}");
        }

        if (start.Filter?.Category is { Length: > MaxTextLength })
        {
            return Outcome<SubmittedVideo>.Invalid("filter.category", $"at most {MaxTextLength} characters");
        }

        if (start.Filter?.Skus is { } skus && (skus.Count > MaxSkus || skus.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > MaxTextLength)))
        {
            return Outcome<SubmittedVideo>.Invalid("filter.skus", $"at most {MaxSkus} SKUs of 1 to {MaxTextLength} characters");
        }

        return null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>A product's latest video as <c>GET /api/v1/catalogs/{id}/videos</c> lists it; the link only once it is rendered.</summary>
public sealed record CatalogVideoView(
    string Sku,
    string Status,
    string VideoId,
    string ProjectId,
    string TemplateId,
    string? PlatformPreset,
    DateTimeOffset? RenderedAt,
    string ContentHash,
    Uri? DownloadUrl,
    DateTimeOffset? DownloadExpiresAt,
    string ScriptSource,
    string? ScriptModel,
    string? ScriptReason);
