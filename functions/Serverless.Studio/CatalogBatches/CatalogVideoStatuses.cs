namespace Serverless.Studio.CatalogBatches;

/// <summary>The states of a <see cref="ProductCatalogs.CatalogVideo"/>, as the API shows them.</summary>
public static class CatalogVideoStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";

    /// <summary>Stopped with its batch (<c>POST /api/v1/tasks/{id}/cancel</c>): rendered again by the next batch or refresh.</summary>
    public const string Cancelled = "cancelled";
}
