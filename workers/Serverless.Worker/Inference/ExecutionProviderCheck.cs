using Microsoft.Extensions.Options;
using Serverless.Media.Inference;

namespace Serverless.Worker.Inference;

/// <summary>
/// Refuses to start with "cuda" where CUDA cannot run (the CPU package, no driver, no device), unless
/// Inference:FallbackToCpu allows running on the CPU: a GPU worker that silently runs on its CPU is a slow surprise.
/// </summary>
public sealed class ExecutionProviderCheck : IValidateOptions<InferenceOptions>
{
    public ValidateOptionsResult Validate(string? name, InferenceOptions options)
    {
        if (!options.WantsCuda || options.FallbackToCpu)
        {
            return ValidateOptionsResult.Success;
        }

        var problem = ExecutionProviders.CudaProblem(options.DeviceId);
        return problem is null
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Inference:ExecutionProvider is cuda, but {problem}; run the GPU image, set Inference:ExecutionProvider=cpu, or set Inference:FallbackToCpu=true.");
    }
}
