using System.ComponentModel.DataAnnotations;

namespace Serverless.Studio.CatalogBatches;

/// <summary>How a catalog batch spreads its work (section <c>CatalogBatch</c>).</summary>
public sealed class CatalogBatchOptions
{
    public const string Section = "CatalogBatch";

    /// <summary>
    /// Product videos one batch runs at once. Each also takes one of its owner's running-task slots
    /// (<see cref="Accounts.PlanOptions.MaxRunningTasks"/>), so all of a user's batches and videos together stay within the plan.
    /// </summary>
    [Range(1, 64)]
    public int MaxParallelVideos { get; set; } = 4;

    /// <summary>Products one batch takes; the rest wait for the next batch or refresh (the batch says how many).</summary>
    [Range(1, 5_000)]
    public int MaxProductsPerBatch { get; set; } = 500;

    /// <summary>Tries of one product's video before it is reported failed (the batch goes on).</summary>
    [Range(1, 5)]
    public int Attempts { get; set; } = 2;

    /// <summary>Wait before asking again for a running-task slot when the owner's plan has none free.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SlotRetryInterval { get; set; } = TimeSpan.FromSeconds(10);
}
