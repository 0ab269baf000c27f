using Serverless.Contracts.Rendering;

namespace Serverless.Contracts.Inference;

/// <summary>
/// One run of a named ONNX model in the worker (DESIGN section 6): the model comes by name from the `models`
/// container, the inputs and the output are the user's blobs (paths under <see cref="UserId"/>), and the answer is
/// reported on <see cref="Queues.RenderResults"/> as an <see cref="InferenceCompleted"/> when an orchestration waits for it.
/// </summary>
public sealed record InferenceJob
{
    public const int MaxInputs = 16;

    public required string JobId { get; init; }
    public required string UserId { get; init; }

    /// <summary>A model's name in the models container: <c>models/{name}.onnx</c>, metadata in <c>{name}.json</c>.</summary>
    public required string Model { get; init; }

    /// <summary>What the job does with the model's answers, one of <see cref="InferenceKinds"/>.</summary>
    public required string Kind { get; init; }

    public required IReadOnlyList<BlobRef> Inputs { get; init; }

    /// <summary>Where the result goes; a redelivered job whose output exists is only reported again.</summary>
    public required BlobRef Output { get; init; }

    /// <summary>The orchestration waiting for <see cref="InferenceCompleted"/>; none, nothing is reported.</summary>
    public string? OrchestrationInstanceId { get; init; }
}

/// <summary>The job kinds the worker knows.</summary>
public static class InferenceKinds
{
    /// <summary>Silero VAD over one audio blob; the output is JSON <see cref="SpeechSegmentsResult"/>.</summary>
    public const string SpeechSegments = "speech-segments";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { SpeechSegments };
}

/// <summary>The worker's answer to an <see cref="InferenceJob"/>, raised as the orchestration's external event.</summary>
public sealed record InferenceCompleted
{
    public const string EventName = "InferenceCompleted";

    public required string JobId { get; init; }
    public required bool Succeeded { get; init; }
    public BlobRef? Output { get; init; }
    public double InferenceSeconds { get; init; }
    public string? Error { get; init; }
}

/// <summary>The output of a <see cref="InferenceKinds.SpeechSegments"/> job.</summary>
public sealed record SpeechSegmentsResult(string Model, double DurationSeconds, IReadOnlyList<SpeechSegmentSpan> Segments);

/// <summary>A stretch of speech, in seconds from the start of the clip.</summary>
public sealed record SpeechSegmentSpan(double Start, double End);
