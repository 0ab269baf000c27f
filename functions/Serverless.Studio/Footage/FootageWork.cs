using Serverless.Captions;
using Serverless.Contracts;
using Serverless.Contracts.Footage;
using Serverless.Contracts.Rendering;

namespace Serverless.Studio.Footage;

/// <summary>The input of <c>FootageOrchestrator</c>: which footage to analyse, where its outputs go, what the plan allows.</summary>
public sealed record FootageAnalysisWork(
    string TaskId, string UserId, string FootageId, BlobRef Source, BlobRef OutputFolder, FootageLimits Limits, string? LanguageHint)
{
    /// <summary>Deterministic, so a redelivered activity queues the same job under the same issued record.</summary>
    public string JobId => $"{TaskId}-analysis";
}

/// <summary>The input of <c>ClipsOrchestrator</c>: one batch of clips of one footage, all in one look.</summary>
public sealed record ClipsWork(
    string TaskId,
    string UserId,
    string FootageId,
    BlobRef Source,
    IReadOnlyList<ClipPlan> Clips,
    RenderOutput Output,
    double LoudnessTarget,
    string? SubtitleStyle = null,
    RenderWatermark? Watermark = null,
    string? IntroText = null,
    string? OutroText = null);

/// <summary>One clip of a batch: the highlight's span, its words, where the worker puts it.</summary>
public sealed record ClipPlan(string ClipId, string HighlightId, double Start, double End, IReadOnlyList<CueWord> Words, BlobRef Destination);

/// <summary>What a finished analysis leaves for the picker: the worker's answer (its analysis blob among it).</summary>
public sealed record PickHighlightsInput(string UserId, string FootageId, FootageAnalysisCompleted Analyzed);

/// <summary>A clip's worker answer to write onto the footage record.</summary>
public sealed record RecordClipInput(string UserId, string FootageId, string ClipId, RenderCompleted Rendered);

/// <summary>How a footage task ended: <see cref="Error"/> null for done.</summary>
public sealed record EndFootageTaskInput(string UserId, string FootageId, string TaskId, Tasks.TaskError? Error, bool FailsFootage);
