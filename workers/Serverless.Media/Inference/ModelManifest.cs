using System.Text.Json.Serialization;
using Microsoft.ML.OnnxRuntime;

namespace Serverless.Media.Inference;

/// <summary>
/// The optional <c>{name}.json</c> beside a model: the input and output names it must have (checked when its first
/// session opens), so a wrong file is refused before any job feeds it. Its integrity is not vouched for here: the
/// expected SHA-256 is configuration (the worker's <c>Inference:ModelDigests</c>), as this file sits where the model does.
/// </summary>
public sealed record ModelManifest
{
    public const int MaxBytes = 64 * 1024;

    [JsonPropertyName("inputs")]
    public IReadOnlyList<string> Inputs { get; init; } = [];

    [JsonPropertyName("outputs")]
    public IReadOnlyList<string> Outputs { get; init; } = [];

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    public static readonly ModelManifest None = new();

    /// <summary>Throws <see cref="ModelRejectedException"/> when the session lacks a declared input or output.</summary>
    public void Check(string model, InferenceSession session)
    {
        var missingInputs = Inputs.Where(i => !session.InputMetadata.ContainsKey(i)).ToList();
        var missingOutputs = Outputs.Where(o => !session.OutputMetadata.ContainsKey(o)).ToList();
        if (missingInputs.Count > 0 || missingOutputs.Count > 0)
        {
            throw new ModelRejectedException(
                $"Model '{model}' does not match its manifest: missing inputs [{string.Join(", ", missingInputs)}], outputs [{string.Join(", ", missingOutputs)}].");
        }
    }
}
