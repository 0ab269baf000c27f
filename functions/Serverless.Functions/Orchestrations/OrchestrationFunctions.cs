using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Serverless.Studio.Orchestrations;
using Serverless.Studio.Footage;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Projects;
using Serverless.Studio.Shots;
using Serverless.Studio.Webhooks;

namespace Serverless.Functions.Orchestrations;

/// <summary>
/// The orchestration triggers Durable Functions runs in Azure, one per orchestrator class: each hands its context to
/// a fresh instance of the same portable class the local runner gives the Durable Task Framework. (The SDK's source
/// generator that would write these is not on the package feed.)
/// </summary>
public sealed class OrchestrationFunctions(IServiceProvider services)
{
    [Function(nameof(VideoOrchestrator))]
    public Task<object?> Video([OrchestrationTrigger] TaskOrchestrationContext context) => RunAsync<VideoOrchestrator, VideoRequest>(context);

    [Function(nameof(StoryboardOrchestrator))]
    public Task<object?> Storyboard([OrchestrationTrigger] TaskOrchestrationContext context) => RunAsync<StoryboardOrchestrator, VideoRequest>(context);

    [Function(nameof(ShotAssetsOrchestrator))]
    public Task<object?> ShotAssets([OrchestrationTrigger] TaskOrchestrationContext context) => RunAsync<ShotAssetsOrchestrator, ShotAssetsRequest>(context);

    [Function(nameof(WebhookDeliveryOrchestrator))]
    public Task<object?> WebhookDelivery([OrchestrationTrigger] TaskOrchestrationContext context) => RunAsync<WebhookDeliveryOrchestrator, WebhookDeliveryRequest>(context);

    [Function(nameof(OutputSweepOrchestrator))]
    public Task<object?> OutputSweep([OrchestrationTrigger] TaskOrchestrationContext context) => RunAsync<OutputSweepOrchestrator, OutputSweep>(context);

    [Function(nameof(CatalogBatchOrchestrator))]
    public Task<object?> CatalogBatch([OrchestrationTrigger] TaskOrchestrationContext context) =>
        RunAsync<CatalogBatchOrchestrator, Serverless.Studio.CatalogBatches.CatalogBatchRequest>(context);
    [Function(nameof(FootageOrchestrator))]
    public Task<object?> Footage([OrchestrationTrigger] TaskOrchestrationContext context) => RunAsync<FootageOrchestrator, FootageAnalysisWork>(context);

    [Function(nameof(ClipsOrchestrator))]
    public Task<object?> Clips([OrchestrationTrigger] TaskOrchestrationContext context) => RunAsync<ClipsOrchestrator, ClipsWork>(context);

    [Function(nameof(ProductPicturesOrchestrator))]
    public Task<object?> ProductPictures([OrchestrationTrigger] TaskOrchestrationContext context) =>
        RunAsync<ProductPicturesOrchestrator, Serverless.Studio.ProductCatalogs.ProductPicturesWork>(context);

    private Task<object?> RunAsync<T, TInput>(TaskOrchestrationContext context) where T : ITaskOrchestrator =>
        ActivatorUtilities.CreateInstance<T>(services).RunAsync(context, context.GetInput<TInput>());
}
