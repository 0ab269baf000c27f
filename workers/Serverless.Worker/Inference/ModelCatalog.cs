using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Serverless.Media.Inference;
using Serverless.Worker.Configuration;

namespace Serverless.Worker.Inference;

/// <summary>
/// The worker's one way to load a model: by name from the models container (<see cref="ModelStore"/>) or from a
/// local file, each opened once into a <see cref="ModelSessionPool"/> with the configured execution provider and
/// kept for the life of the worker; the pools are disposed on shutdown.
/// </summary>
public sealed class ModelCatalog : IDisposable
{
    private readonly ModelStore _store;
    private readonly ILogger<ModelCatalog> _logger;
    private readonly ConcurrentDictionary<string, Lazy<Task<ModelSessionPool>>> _pools = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closing = new();

    public ModelCatalog(ModelStore store, IOptions<InferenceOptions> options, IOptions<WorkerOptions> worker, ILogger<ModelCatalog> logger)
    {
        _store = store;
        _logger = logger;
        var settings = options.Value;
        var provider = ExecutionProvider.Cpu;
        if (settings.WantsCuda)
        {
            // ExecutionProviderCheck already refused to start without CUDA unless falling back was allowed.
            var problem = ExecutionProviders.CudaProblem(settings.DeviceId);
            if (problem is null)
            {
                provider = ExecutionProvider.Cuda;
            }
            else
            {
                logger.LogWarning("Inference:ExecutionProvider is cuda, but {Problem}; running models on the CPU (Inference:FallbackToCpu)", problem);
            }
        }

        Settings = settings.Session(provider);
        SessionsPerModel = settings.SessionsPerModel > 0
            ? settings.SessionsPerModel
            : worker.Value.MaxConcurrentJobs + (string.IsNullOrEmpty(worker.Value.InferenceQueue) ? 0 : worker.Value.MaxConcurrentInferenceJobs);
        logger.LogInformation("Models run on {Provider} (device {DeviceId}), {Sessions} session(s) per model", provider, Settings.DeviceId, SessionsPerModel);
    }

    /// <summary>What every session is opened with: the configured provider, or the CPU after a fallback.</summary>
    public SessionSettings Settings { get; }

    public int SessionsPerModel { get; }

    /// <exception cref="ModelRejectedException">The model is missing, too large, corrupt or not matching its manifest.</exception>
    public Task<ModelSessionPool> OpenAsync(string name, CancellationToken cancellationToken) =>
        GetOrLoadAsync(name, async closing =>
        {
            var local = await _store.FetchAsync(name, closing);
            return await Task.Run(() => ModelSessionPool.Open(name, local.Path, Settings, local.Manifest, SessionsPerModel), closing);
        }, cancellationToken);

    /// <summary>A model from a local file (a development override), under the same name as it would have in storage.</summary>
    public Task<ModelSessionPool> OpenFileAsync(string name, string path, ModelManifest manifest, CancellationToken cancellationToken) =>
        GetOrLoadAsync("file:" + name, closing => Task.Run(() => ModelSessionPool.Open(name, path, Settings, manifest, SessionsPerModel), closing), cancellationToken);

    private async Task<ModelSessionPool> GetOrLoadAsync(string key, Func<CancellationToken, Task<ModelSessionPool>> load, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closing.IsCancellationRequested, this);
        var entry = _pools.GetOrAdd(key, _ => new Lazy<Task<ModelSessionPool>>(() => load(_closing.Token)));
        try
        {
            // One load per model however many jobs wait; a caller that gives up does not cancel it for the others.
            return await entry.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (entry.Value.IsFaulted || entry.Value.IsCanceled)
        {
            // A failed load is not remembered: the next job tries again (the model may have been fixed meanwhile).
            _pools.TryRemove(new KeyValuePair<string, Lazy<Task<ModelSessionPool>>>(key, entry));
            throw;
        }
    }

    public void Dispose()
    {
        if (_closing.IsCancellationRequested)
        {
            return;
        }

        _closing.Cancel();
        foreach (var entry in _pools.Values)
        {
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully)
            {
                entry.Value.Result.Dispose();
            }
        }

        _pools.Clear();
        _closing.Dispose();
    }
}
