using Microsoft.DurableTask;
using Serverless.Studio.ProductCatalogs;
using Serverless.Studio.Tasks;

namespace Serverless.Studio.CatalogBatches;

/// <summary>
/// Writes how a product's video ended on the catalog's record of it: completed (with when) or failed. Answers why a
/// failed one failed, as its task recorded it, for the batch's report.
/// </summary>
public sealed class RecordProductVideoActivity(CatalogVideoStore videos, VideoTaskStore tasks, TimeProvider time) : TaskActivity<RecordProductVideoInput, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, RecordProductVideoInput input)
    {
        var video = await videos.FindAsync(input.UserId, input.TaskId)
            ?? throw new InvalidOperationException($"Catalog video {input.TaskId} no longer exists.");
        if (input.Result is not null)
        {
            await videos.UpsertAsync(video with { Status = CatalogVideoStatuses.Completed, RenderedAt = time.GetUtcNow() });
            return "";
        }

        await videos.UpsertAsync(video with { Status = CatalogVideoStatuses.Failed });
        return (await tasks.FindAsync(input.UserId, input.TaskId))?.Error?.Message ?? input.Reason ?? "the video failed";
    }
}
