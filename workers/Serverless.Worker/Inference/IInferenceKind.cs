using Serverless.Media.Inference;

namespace Serverless.Worker.Inference;

/// <summary>
/// One kind of inference job: what it feeds the model and what it writes. The runner (<see cref="InferenceJobHandler"/>)
/// does the rest (checks, model loading, blobs, completion), so a new model plugs in as one more kind registered in DI.
/// </summary>
public interface IInferenceKind
{
    /// <summary>The <c>InferenceJob.Kind</c> it serves.</summary>
    string Name { get; }

    /// <summary>How many input blobs a job of this kind has.</summary>
    int InputCount { get; }

    /// <summary>Runs the model over the local copies of the inputs and writes the output into <paramref name="work"/>.</summary>
    /// <exception cref="InvalidInferenceJobException">The inputs are not what this kind reads.</exception>
    /// <exception cref="ModelRejectedException">The model is not one this kind can run.</exception>
    Task<InferenceOutput> RunAsync(ModelSessionPool model, IReadOnlyList<string> inputs, string work, CancellationToken cancellationToken);
}

/// <summary>A finished job's output file, and its summary for the logs.</summary>
public sealed record InferenceOutput(string Path, string ContentType, string Summary);
