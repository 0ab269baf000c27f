using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Storyboards;
using Serverless.Studio.Webhooks;

namespace Serverless.Durable.Benchmarks;

// The studio's activities under the exact names VideoOrchestrator calls (the registry names an activity by its class
// name), each answering at once with a canned but valid result: a video then costs only the engine's own work.

/// <summary>The canned screenplay and storyboard of a video with <see cref="Shots"/> spoken shots.</summary>
public static class CannedVideo
{
    public const int Shots = 10;

    /// <summary>Every activity VideoOrchestrator may call, as stubs.</summary>
    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(ParseScriptActivity), typeof(CastCharactersActivity), typeof(PlanStoryboardActivity), typeof(SaveStoryboardActivity),
        typeof(LoadSavedStoryboardActivity), typeof(DrawShotActivity), typeof(RecordVoiceActivity), typeof(SubmitRenderActivity),
        typeof(PublishVideoActivity), typeof(RecordFailureActivity), typeof(RaiseWebhookEventActivity),
    ];

    private static readonly IReadOnlyList<Character> Cast = [new("Leo", ["male"]), new("Mia", ["female"])];

    public static Screenplay Screenplay { get; } = new(
        "Bench",
        ScriptFormat.English,
        [new Scene("scene-1", "Kitchen", "morning", ["Leo", "Mia"], Enumerable.Range(0, Shots)
            .Select(i => new ScriptLine(ScriptLineType.Dialogue, Cast[i % 2].Name, $"Line {i + 1}.", null, 2))
            .ToList())],
        Cast,
        new ScreenplayMetadata(1, Shots, Shots * 2));

    public static Storyboard Storyboard { get; } = new(
        Enumerable.Range(0, Shots).Select(i => new StoryboardShot
        {
            Id = $"shot-{i + 1:000}",
            Index = i,
            SceneId = "scene-1",
            Location = "Kitchen",
            Time = "morning",
            Framing = ShotFraming.Medium,
            LineType = ScriptLineType.Dialogue,
            Character = Cast[i % 2].Name,
            Text = $"Line {i + 1}.",
            Duration = 2,
            SpeechSeconds = 1.5,
            ImagePrompt = "a kitchen in the morning",
        }).ToList(),
        "anime",
        "16:9");
}

/// <summary>
/// Tells the benchmark when a video's render was submitted, so it can answer with <see cref="RenderCompleted"/> as a
/// render worker would, only at once.
/// </summary>
public sealed class RenderDesk
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _submitted = new(StringComparer.Ordinal);

    /// <summary>The job id SubmitRenderActivity handed out for <paramref name="instanceId"/>.</summary>
    public Task<string> SubmittedAsync(string instanceId) => Slot(instanceId).Task;

    public void Submit(string instanceId, string jobId) => Slot(instanceId).TrySetResult(jobId);

    private TaskCompletionSource<string> Slot(string instanceId) =>
        _submitted.GetOrAdd(instanceId, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
}

public sealed class ParseScriptActivity : TaskActivity<BlobRef, ParseResult>
{
    public override Task<ParseResult> RunAsync(TaskActivityContext context, BlobRef input) =>
        Task.FromResult(new ParseResult(CannedVideo.Screenplay, null));
}

public sealed class CastCharactersActivity : TaskActivity<CastCharactersInput, IReadOnlyList<Character>>
{
    public override Task<IReadOnlyList<Character>> RunAsync(TaskActivityContext context, CastCharactersInput input) =>
        Task.FromResult(input.Declared);
}

public sealed class PlanStoryboardActivity : TaskActivity<PlanStoryboardInput, Storyboard>
{
    public override Task<Storyboard> RunAsync(TaskActivityContext context, PlanStoryboardInput input) => Task.FromResult(CannedVideo.Storyboard);
}

public sealed class SaveStoryboardActivity : TaskActivity<SaveStoryboardInput, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, SaveStoryboardInput input) => Task.FromResult(true);
}

public sealed class LoadSavedStoryboardActivity : TaskActivity<VideoRequest, SavedStoryboard?>
{
    public override Task<SavedStoryboard?> RunAsync(TaskActivityContext context, VideoRequest input) =>
        Task.FromResult<SavedStoryboard?>(new SavedStoryboard(CannedVideo.Storyboard, CannedVideo.Screenplay.Characters));
}

public sealed class DrawShotActivity : TaskActivity<DrawShotInput, DrawnShot>
{
    public override Task<DrawnShot> RunAsync(TaskActivityContext context, DrawShotInput input) =>
        Task.FromResult(new DrawnShot(input.Shot.Id, new BlobRef("images", $"{input.Request.TaskId}/{input.Shot.Id}.png"), "bench"));
}

public sealed class RecordVoiceActivity : TaskActivity<RecordVoiceInput, VoiceClip>
{
    public override Task<VoiceClip> RunAsync(TaskActivityContext context, RecordVoiceInput input) =>
        Task.FromResult(new VoiceClip(input.Shot.Id, new BlobRef("audio", $"{input.Request.TaskId}/{input.Shot.Id}.wav"), 1.5, "bench-voice", "bench"));
}

public sealed class SubmitRenderActivity(RenderDesk desk) : TaskActivity<SubmitRenderInput, RenderSubmission>
{
    public override Task<RenderSubmission> RunAsync(TaskActivityContext context, SubmitRenderInput input)
    {
        if (input.Images.Count != CannedVideo.Shots || input.Voices.Count != CannedVideo.Shots)
        {
            throw new InvalidOperationException($"Render submitted with {input.Images.Count} pictures and {input.Voices.Count} voices.");
        }

        var jobId = $"render-{input.Request.TaskId}";
        desk.Submit(context.InstanceId, jobId);
        return Task.FromResult(new RenderSubmission(jobId, input.Storyboard.TotalDuration));
    }
}

public sealed class PublishVideoActivity : TaskActivity<PublishVideoInput, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, PublishVideoInput input) => Task.FromResult(true);
}

public sealed class RecordFailureActivity : TaskActivity<RecordFailureInput, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, RecordFailureInput input) => Task.FromResult(true);
}

public sealed class RaiseWebhookEventActivity : TaskActivity<WebhookEventInput, int>
{
    // No subscriber: no delivery orchestration is started.
    public override Task<int> RunAsync(TaskActivityContext context, WebhookEventInput input) => Task.FromResult(0);
}
