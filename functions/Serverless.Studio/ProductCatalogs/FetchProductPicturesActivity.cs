using Microsoft.DurableTask;

namespace Serverless.Studio.ProductCatalogs;

/// <summary>A catalog whose pending pictures are to be fetched.</summary>
public sealed record ProductPicturesWork(string UserId, string CatalogId);

/// <summary>
/// Fetches a catalog's pending pictures (<see cref="ProductPictures.FetchPendingAsync"/>); answers how many were tried.
/// Run again after a crash it fetches only what is still pending.
/// </summary>
public sealed class FetchProductPicturesActivity(ProductPictures pictures) : TaskActivity<ProductPicturesWork, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, ProductPicturesWork input) =>
        pictures.FetchPendingAsync(input.UserId, input.CatalogId, CancellationToken.None);
}
