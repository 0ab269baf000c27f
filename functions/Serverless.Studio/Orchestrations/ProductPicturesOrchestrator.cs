using Microsoft.DurableTask;
using Serverless.Studio.ProductCatalogs;

namespace Serverless.Studio.Orchestrations;

/// <summary>
/// A catalog's picture fetch as one durable step: the task hub keeps the request, so a fetch cut off by a crash of
/// the app is taken up again by the next host (the activity's message comes back) instead of waiting for a refresh.
/// </summary>
public sealed class ProductPicturesOrchestrator : TaskOrchestrator<ProductPicturesWork, int>
{
    public override Task<int> RunAsync(TaskOrchestrationContext context, ProductPicturesWork input) =>
        context.CallActivityAsync<int>(nameof(FetchProductPicturesActivity), input, ActivityRetries.Retried);
}
