using Microsoft.Extensions.Options;
using Serverless.Media.Inference;
using Serverless.Media.Speech;
using Serverless.Worker.Inference;

namespace Serverless.Worker.Speech;

/// <summary>
/// The Silero VAD model's sessions, through the <see cref="ModelCatalog"/> (loaded once per worker): from a local file
/// (Speech:VadModelPath) or by name from the models container.
/// </summary>
public sealed class VadModel(ModelCatalog catalog, IOptions<SpeechOptions> options)
{
    public async Task<ModelSessionPool> OpenAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!string.IsNullOrEmpty(settings.VadModelPath))
        {
            return await catalog.OpenFileAsync(settings.VadModel, settings.VadModelPath, SileroVad.Shape, cancellationToken);
        }

        try
        {
            return await catalog.OpenAsync(settings.VadModel, cancellationToken);
        }
        catch (ModelRejectedException exception)
        {
            // The worker's own setup is wrong, not the job's input: retry (and alert) rather than fail the job.
            throw new InvalidOperationException($"The VAD model cannot be loaded ({exception.Message}); upload it, or set Speech:VadModelPath.", exception);
        }
    }
}
