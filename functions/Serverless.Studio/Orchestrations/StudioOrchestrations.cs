using Serverless.Studio.Footage;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Projects;
using Serverless.Studio.Shots;
using Serverless.Studio.Webhooks;

namespace Serverless.Studio.Orchestrations;

/// <summary>
/// Every orchestrator and activity of the studio, registered by class name: the local runner hands these to the
/// Durable Task Framework, the function app declares one trigger function for each, and a test keeps the two lists equal.
/// </summary>
public static class StudioOrchestrations
{
    public static IReadOnlyList<Type> Orchestrators { get; } =
    [
        typeof(VideoOrchestrator),
        typeof(StoryboardOrchestrator),
        typeof(ShotAssetsOrchestrator),
        typeof(WebhookDeliveryOrchestrator),
        typeof(OutputSweepOrchestrator),
        typeof(CatalogBatchOrchestrator),
        typeof(FootageOrchestrator),
        typeof(ClipsOrchestrator),
        typeof(ProductPicturesOrchestrator),
    ];

    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(ParseScriptActivity),
        typeof(CastCharactersActivity),
        typeof(PlanStoryboardActivity),
        typeof(SaveStoryboardActivity),
        typeof(DraftStoryboardActivity),
        typeof(LoadSavedStoryboardActivity),
        typeof(DrawShotActivity),
        typeof(RecordVoiceActivity),
        typeof(SubmitRenderActivity),
        typeof(QueueRenderJobActivity),
        typeof(PublishVideoActivity),
        typeof(RecordFailureActivity),
        typeof(CompleteTaskActivity),
        typeof(RecordShotAssetsActivity),
        typeof(SendWebhookActivity),
        typeof(RaiseWebhookEventActivity),
        typeof(SweepOutputsActivity),
        typeof(CatalogBatches.PlanCatalogBatchActivity),
        typeof(CatalogBatches.WriteProductScriptActivity),
        typeof(CatalogBatches.StartProductVideoActivity),
        typeof(CatalogBatches.RecordProductVideoActivity),
        typeof(CatalogBatches.EndCatalogBatchActivity),
        typeof(QueueFootageJobActivity),
        typeof(TranscribeFootageActivity),
        typeof(PickHighlightsActivity),
        typeof(RecordClipActivity),
        typeof(EndFootageTaskActivity),
        typeof(ProductCatalogs.FetchProductPicturesActivity),
    ];

    public static IEnumerable<Type> All => Orchestrators.Concat(Activities);
}
