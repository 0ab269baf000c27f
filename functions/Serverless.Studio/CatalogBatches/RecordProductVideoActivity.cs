using Microsoft.DurableTask;
using Serverless.Studio.ProductCatalogs;

namespace Serverless.Studio.CatalogBatches;

/// <summary>Writes how a product's video ended on the catalog's record of it: completed (with when) or failed.</summary>
public sealed class RecordProductVideoActivity(CatalogVideoStore videos, TimeProvider time) : TaskActivity<RecordProductVideoInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RecordProductVideoInput input)
    {
        var video = await videos.FindAsync(input.UserId, input.TaskId)
            ?? throw new InvalidOperationException($"Catalog video {input.TaskId} no longer exists.");
        await videos.UpsertAsync(input.Result is null
            ? video with { Status = CatalogVideoStatuses.Failed }
            : video with { Status = CatalogVideoStatuses.Completed, RenderedAt = time.GetUtcNow() });
        return true;
    }
}
