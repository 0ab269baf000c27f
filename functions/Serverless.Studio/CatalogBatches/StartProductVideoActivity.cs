using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Accounts;
using Serverless.Studio.Catalog;
using Serverless.Studio.Characters;
using Serverless.Studio.Pipeline;
using Serverless.Studio.ProductCatalogs;
using Serverless.Studio.Projects;
using Serverless.Studio.Screenplays;
using Serverless.Studio.ScriptDrafts;
using Serverless.Studio.Storyboards;
using Serverless.Studio.Videos;
using Serverless.Studio.VideoTemplates;

namespace Serverless.Studio.CatalogBatches;

/// <summary>
/// Gets one product's video ready to run: the script (the one <see cref="WriteProductScriptActivity"/> kept, or the
/// template filled), the character bible with the template's narrator voice, a storyboard showing the product's
/// pictures, the project, its task and the catalog's record of the video, under ids derived from the content
/// (<see cref="ProductVideoIds"/>). Run again after a crash it writes the same documents again; it never starts the
/// orchestration (the batch runs it as a sub-orchestration, which the task hub starts once).
/// </summary>
public sealed class StartProductVideoActivity(
    ProductCatalogStore catalogs,
    CatalogVideoStore videos,
    VideoTemplateStore templates,
    ProductScriptStore scripts,
    CharacterBibleStore bibles,
    VideoService starts,
    StoryboardPlanner planner,
    StoryboardStore storyboards,
    ScriptLimits limits,
    VideoQuota quota,
    MusicLibrary music,
    DurableTaskClient durable,
    TimeProvider time,
    ILogger<StartProductVideoActivity> logger) : TaskActivity<StartProductVideoInput, ProductVideoStart>
{
    public override async Task<ProductVideoStart> RunAsync(TaskActivityContext context, StartProductVideoInput input)
    {
        var (batch, plan) = (input.Batch, input.Product);
        var ids = ProductVideoIds.For(batch.UserId, batch.CatalogId, plan.Sku, plan.VideoHash, input.Attempt);
        if (await durable.GetInstanceAsync(ids.TaskId) is not null)
        {
            return new ProductVideoStart(ProductVideoStartKind.Elsewhere, Reason: $"video {ids.TaskId} is already being made by another batch");
        }

        if (await catalogs.FindProductAsync(batch.UserId, batch.CatalogId, plan.Sku) is not { } product)
        {
            return new ProductVideoStart(ProductVideoStartKind.Refused, Reason: "the product was deleted");
        }

        if (await templates.FindAsync(batch.UserId, plan.TemplateId) is not { } template)
        {
            return new ProductVideoStart(ProductVideoStartKind.Refused, Reason: $"template '{plan.TemplateId}' was deleted");
        }

        var draft = await ScriptOfAsync(batch, plan, product, template);
        var script = draft.Script;
        var aspectRatio = PlatformPresets.Find(plan.PlatformPreset) is { } preset ? $"{preset.AspectWide}:{preset.AspectTall}" : "9:16";
        if (limits.Exceeded(script, null, await quota.PlanOfAsync(batch.UserId, CancellationToken.None), plan.PlatformPreset) is { } exceeded)
        {
            return new ProductVideoStart(ProductVideoStartKind.Refused, Reason: $"the script is over a limit: {exceeded.Reason}");
        }

        if (ScreenplayParser.Parse(script).Screenplay is not { } screenplay)
        {
            return new ProductVideoStart(ProductVideoStartKind.Refused, Reason: "the template does not make a screenplay for this product");
        }

        // The seed follows the content, so the same product and template draw the same shots.
        var seed = (int)(Convert.ToUInt32(plan.VideoHash[..8], 16) & int.MaxValue);
        VideoRequest request;
        try
        {
            request = await starts.PrepareAsync(batch.UserId, new VideoSubmission(
                script, template.Style, aspectRatio, Title: Title(product.Name), Seed: seed,
                Music: template.Music is { } track ? await music.ChooseAsync(track, seed) : null,
                PlatformPreset: plan.PlatformPreset, Preview: plan.Preview), new VideoIds(ids.ProjectId, ids.TaskId));
        }
        catch (TooManyRunningTasksException)
        {
            return new ProductVideoStart(ProductVideoStartKind.Wait);
        }
        catch (QuotaExceededException e)
        {
            return new ProductVideoStart(ProductVideoStartKind.Refused, Reason: e.Message);
        }

        // The storyboard is saved, so the pipeline casts from the bible alone: it must hold the script's characters and the narrator's voice.
        var now = time.GetUtcNow();
        await bibles.ChangeAsync(batch.UserId, ids.ProjectId,
            bible => bible.Merge(screenplay.Characters, now).WithNarratorVoice(ProductScript.NarratorOf(template), template.Voice, now), now);
        var storyboard = ProductScript.Lay(planner.Plan(screenplay, new StoryboardOptions(template.Style, aspectRatio, seed)), template, product);
        (await storyboards.UpdateAsync(batch.UserId, ids.ProjectId, _ => storyboard, ids.TaskId)).EnsureWritten(ids.ProjectId);
        await videos.UpsertAsync(new CatalogVideo
        {
            Id = ids.TaskId,
            UserId = batch.UserId,
            CatalogId = batch.CatalogId,
            Sku = product.Sku,
            TemplateId = template.Id,
            VideoId = ids.TaskId,
            ProjectId = ids.ProjectId,
            Status = CatalogVideoStatuses.Running,
            ContentHash = ProductVideoIds.VideoHash(product, template, plan.PlatformPreset, plan.Preview, plan.ScriptSource),
            ScriptSource = draft.Source,
            ScriptModel = draft.Model,
            ScriptReason = draft.Reason,
            PlatformPreset = plan.PlatformPreset,
            Preview = plan.Preview,
            CreatedAt = now,
        });
        logger.LogInformation("Product {Sku} of catalog {CatalogId}: video {TaskId} (attempt {Attempt}) ready for batch {BatchTaskId}",
            product.Sku, batch.CatalogId, ids.TaskId, input.Attempt, batch.TaskId);
        return new ProductVideoStart(ProductVideoStartKind.Started, request with { FromSavedStoryboard = true });
    }

    /// <summary>
    /// The script kept for a chat model's source; the template fill otherwise, or when none was kept (a batch started
    /// before scripts were written ahead).
    /// </summary>
    private async Task<ScriptDraft> ScriptOfAsync(CatalogBatchRequest batch, ProductVideoPlan plan, Product product, VideoTemplate template)
    {
        if (plan.ScriptSource == ScriptSources.Llm
            && await scripts.FindAsync(batch.UserId, batch.CatalogId, plan.Sku, ProductVideoIds.ScriptHash(product, template, plan.PlatformPreset, plan.ScriptSource)) is { } kept)
        {
            return kept;
        }

        return new ScriptDraft(ProductScript.Write(template, product), ScriptSources.Template,
            Reason: plan.ScriptSource == ScriptSources.Llm ? "no script was written ahead for this product" : null);
    }

    private static string Title(string name) => name.Length <= 100 ? name : name[..100];
}
