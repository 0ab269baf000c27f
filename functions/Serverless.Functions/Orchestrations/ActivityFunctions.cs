using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Serverless.Contracts.Rendering;
using Serverless.Studio.CatalogBatches;
using Serverless.Contracts.Footage;
using Serverless.Studio.Footage;
using Serverless.Studio.Pipeline;
using Serverless.Studio.ProductCatalogs;
using Serverless.Studio.Projects;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Shots;
using Serverless.Studio.Storyboards;
using Serverless.Studio.Webhooks;

namespace Serverless.Functions.Orchestrations;

/// <summary>
/// The activity triggers Durable Functions runs in Azure, one per activity class, each running a fresh instance of the
/// same portable class the local runner hands the Durable Task Framework.
/// </summary>
public sealed class ActivityFunctions(IServiceProvider services)
{
    [Function(nameof(ParseScriptActivity))]
    public Task<ParseResult> ParseScript([ActivityTrigger] BlobRef input, FunctionContext function) => RunAsync<ParseScriptActivity, BlobRef, ParseResult>(input, function);

    [Function(nameof(CastCharactersActivity))]
    public Task<IReadOnlyList<Character>> CastCharacters([ActivityTrigger] CastCharactersInput input, FunctionContext function) =>
        RunAsync<CastCharactersActivity, CastCharactersInput, IReadOnlyList<Character>>(input, function);

    [Function(nameof(PlanStoryboardActivity))]
    public Task<Storyboard> PlanStoryboard([ActivityTrigger] PlanStoryboardInput input, FunctionContext function) =>
        RunAsync<PlanStoryboardActivity, PlanStoryboardInput, Storyboard>(input, function);

    [Function(nameof(SaveStoryboardActivity))]
    public Task<bool> SaveStoryboard([ActivityTrigger] SaveStoryboardInput input, FunctionContext function) =>
        RunAsync<SaveStoryboardActivity, SaveStoryboardInput, bool>(input, function);

    [Function(nameof(DraftStoryboardActivity))]
    public Task<DraftedStoryboard> DraftStoryboard([ActivityTrigger] VideoRequest input, FunctionContext function) =>
        RunAsync<DraftStoryboardActivity, VideoRequest, DraftedStoryboard>(input, function);

    [Function(nameof(LoadSavedStoryboardActivity))]
    public Task<SavedStoryboard?> LoadSavedStoryboard([ActivityTrigger] VideoRequest input, FunctionContext function) =>
        RunAsync<LoadSavedStoryboardActivity, VideoRequest, SavedStoryboard?>(input, function);

    [Function(nameof(DrawShotActivity))]
    public Task<DrawnShot> DrawShot([ActivityTrigger] DrawShotInput input, FunctionContext function) =>
        RunAsync<DrawShotActivity, DrawShotInput, DrawnShot>(input, function);

    [Function(nameof(RecordVoiceActivity))]
    public Task<VoiceClip> RecordVoice([ActivityTrigger] RecordVoiceInput input, FunctionContext function) =>
        RunAsync<RecordVoiceActivity, RecordVoiceInput, VoiceClip>(input, function);

    [Function(nameof(SubmitRenderActivity))]
    public Task<RenderSubmission> SubmitRender([ActivityTrigger] SubmitRenderInput input, FunctionContext function) =>
        RunAsync<SubmitRenderActivity, SubmitRenderInput, RenderSubmission>(input, function);

    [Function(nameof(QueueRenderJobActivity))]
    public Task<string> QueueRenderJob([ActivityTrigger] RenderJob input, FunctionContext function) =>
        RunAsync<QueueRenderJobActivity, RenderJob, string>(input, function);

    [Function(nameof(PublishVideoActivity))]
    public Task<bool> PublishVideo([ActivityTrigger] PublishVideoInput input, FunctionContext function) =>
        RunAsync<PublishVideoActivity, PublishVideoInput, bool>(input, function);

    [Function(nameof(RecordFailureActivity))]
    public Task<bool> RecordFailure([ActivityTrigger] RecordFailureInput input, FunctionContext function) =>
        RunAsync<RecordFailureActivity, RecordFailureInput, bool>(input, function);

    [Function(nameof(CompleteTaskActivity))]
    public Task<bool> CompleteTask([ActivityTrigger] VideoRequest input, FunctionContext function) =>
        RunAsync<CompleteTaskActivity, VideoRequest, bool>(input, function);

    [Function(nameof(RecordShotAssetsActivity))]
    public Task<bool> RecordShotAssets([ActivityTrigger] RecordShotAssetsInput input, FunctionContext function) =>
        RunAsync<RecordShotAssetsActivity, RecordShotAssetsInput, bool>(input, function);

    [Function(nameof(SendWebhookActivity))]
    public Task<WebhookAttemptOutcome> SendWebhook([ActivityTrigger] SendWebhookInput input, FunctionContext function) =>
        RunAsync<SendWebhookActivity, SendWebhookInput, WebhookAttemptOutcome>(input, function);

    [Function(nameof(RaiseWebhookEventActivity))]
    public Task<int> RaiseWebhookEvent([ActivityTrigger] WebhookEventInput input, FunctionContext function) =>
        RunAsync<RaiseWebhookEventActivity, WebhookEventInput, int>(input, function);

    [Function(nameof(SweepOutputsActivity))]
    public Task<int> SweepOutputs([ActivityTrigger] OutputSweep input, FunctionContext function) =>
        RunAsync<SweepOutputsActivity, OutputSweep, int>(input, function);

    [Function(nameof(PlanCatalogBatchActivity))]
    public Task<CatalogBatchPlan> PlanCatalogBatch([ActivityTrigger] CatalogBatchRequest input, FunctionContext function) =>
        RunAsync<PlanCatalogBatchActivity, CatalogBatchRequest, CatalogBatchPlan>(input, function);

    [Function(nameof(WriteProductScriptActivity))]
    public Task<string> WriteProductScript([ActivityTrigger] WriteProductScriptInput input, FunctionContext function) =>
        RunAsync<WriteProductScriptActivity, WriteProductScriptInput, string>(input, function);

    [Function(nameof(StartProductVideoActivity))]
    public Task<ProductVideoStart> StartProductVideo([ActivityTrigger] StartProductVideoInput input, FunctionContext function) =>
        RunAsync<StartProductVideoActivity, StartProductVideoInput, ProductVideoStart>(input, function);

    [Function(nameof(RecordProductVideoActivity))]
    public Task<string> RecordProductVideo([ActivityTrigger] RecordProductVideoInput input, FunctionContext function) =>
        RunAsync<RecordProductVideoActivity, RecordProductVideoInput, string>(input, function);

    [Function(nameof(EndCatalogBatchActivity))]
    public Task<bool> EndCatalogBatch([ActivityTrigger] EndCatalogBatchInput input, FunctionContext function) =>
        RunAsync<EndCatalogBatchActivity, EndCatalogBatchInput, bool>(input, function);
    [Function(nameof(QueueFootageJobActivity))]
    public Task<string> QueueFootageJob([ActivityTrigger] FootageJob input, FunctionContext function) =>
        RunAsync<QueueFootageJobActivity, FootageJob, string>(input, function);

    [Function(nameof(TranscribeFootageActivity))]
    public Task<FootageAnalysisCompleted> TranscribeFootage([ActivityTrigger] PickHighlightsInput input, FunctionContext function) =>
        RunAsync<TranscribeFootageActivity, PickHighlightsInput, FootageAnalysisCompleted>(input, function);

    [Function(nameof(PickHighlightsActivity))]
    public Task<int> PickHighlights([ActivityTrigger] PickHighlightsInput input, FunctionContext function) =>
        RunAsync<PickHighlightsActivity, PickHighlightsInput, int>(input, function);

    [Function(nameof(RecordClipActivity))]
    public Task<bool> RecordClip([ActivityTrigger] RecordClipInput input, FunctionContext function) =>
        RunAsync<RecordClipActivity, RecordClipInput, bool>(input, function);

    [Function(nameof(EndFootageTaskActivity))]
    public Task<bool> EndFootageTask([ActivityTrigger] EndFootageTaskInput input, FunctionContext function) =>
        RunAsync<EndFootageTaskActivity, EndFootageTaskInput, bool>(input, function);

    [Function(nameof(FetchProductPicturesActivity))]
    public Task<int> FetchProductPictures([ActivityTrigger] ProductPicturesWork input, FunctionContext function) =>
        RunAsync<FetchProductPicturesActivity, ProductPicturesWork, int>(input, function);

    private Task<TOut> RunAsync<TActivity, TIn, TOut>(TIn input, FunctionContext function) where TActivity : TaskActivity<TIn, TOut> =>
        ActivatorUtilities.CreateInstance<TActivity>(services).RunAsync(new FunctionActivityContext(function), input);

    /// <summary>The activity's name and its orchestration's instance id, from the trigger's binding data.</summary>
    private sealed class FunctionActivityContext(FunctionContext function) : TaskActivityContext
    {
        public override TaskName Name => function.FunctionDefinition.Name;

        public override string InstanceId =>
            function.BindingContext.BindingData.TryGetValue("instanceId", out var id) && id is string text ? text : string.Empty;
    }
}
