using System.ComponentModel.DataAnnotations;
using Microsoft.ML.OnnxRuntime;
using Serverless.Media.Inference;

namespace Serverless.Worker.Inference;

/// <summary>How the worker fetches and runs ONNX models. Bound from the "Inference" section and validated at start.</summary>
public sealed class InferenceOptions
{
    public const string Section = "Inference";

    [Required]
    [RegularExpression("^[a-z0-9]([a-z0-9-]{1,61})[a-z0-9]$", ErrorMessage = "Inference:ModelsContainer must be a valid container name.")]
    public string ModelsContainer { get; set; } = "models";

    /// <summary>"cpu", or "cuda" in the GPU image (validated against the ONNX Runtime build at start).</summary>
    [Required]
    [RegularExpression("^(cpu|cuda)$", ErrorMessage = "Inference:ExecutionProvider must be cpu or cuda.")]
    public string ExecutionProvider { get; set; } = "cpu";

    /// <summary>With "cuda" where CUDA cannot be used: log a warning and run on the CPU instead of refusing to start.</summary>
    public bool FallbackToCpu { get; set; }

    [Range(0, 63)]
    public int DeviceId { get; set; }

    /// <summary>Threads one session may use for one operator; 0 lets ONNX Runtime choose (one per core).</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    [Required]
    [RegularExpression("^(disabled|basic|extended|all)$", ErrorMessage = "Inference:GraphOptimization must be disabled, basic, extended or all.")]
    public string GraphOptimization { get; set; } = "all";

    /// <summary>Sessions kept per model; 0 means one per job slot of the worker (render and inference slots).</summary>
    [Range(0, 64)]
    public int SessionsPerModel { get; set; }

    /// <summary>A model larger than this is refused before it is downloaded.</summary>
    [Range(1024L, 16L * 1024 * 1024 * 1024)]
    public long MaxModelBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>An inference job's input blob larger than this fails the job.</summary>
    [Range(1024L, 4L * 1024 * 1024 * 1024)]
    public long MaxInputBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// The SHA-256 (hex) each model must have, by name. It comes with the deployment, never from the models container:
    /// the worker can write there, so a digest stored beside the model would vouch for whatever was written. A model
    /// without an entry here is refused.
    /// </summary>
    public Dictionary<string, string> ModelDigests { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Where fetched models are kept, by name and ETag; empty means "models" under Worker:TempRoot.</summary>
    public string CacheFolder { get; set; } = "";

    public bool WantsCuda => ExecutionProvider == "cuda";

    public SessionSettings Session(ExecutionProvider provider) => new(
        provider,
        DeviceId,
        IntraOpThreads,
        GraphOptimization switch
        {
            "disabled" => GraphOptimizationLevel.ORT_DISABLE_ALL,
            "basic" => GraphOptimizationLevel.ORT_ENABLE_BASIC,
            "extended" => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
            _ => GraphOptimizationLevel.ORT_ENABLE_ALL,
        });
}
