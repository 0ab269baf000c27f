using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;

namespace Serverless.Media.Inference;

/// <summary>
/// The sessions of one model: at most <see cref="Capacity"/> (one per job slot that may run it at once), opened on
/// first need and kept until the pool is disposed. A session's intra-op threads then serve one job at a time instead
/// of every slot contending for the same session's thread pool.
/// </summary>
public sealed class ModelSessionPool : IDisposable
{
    private readonly string _path;
    private readonly SessionSettings _settings;
    private readonly ModelManifest _metadata;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<(InferenceSession Session, SessionOptions Options)> _idle = [];
    private readonly ConcurrentQueue<(InferenceSession Session, SessionOptions Options)> _all = new();
    private bool _disposed;

    private ModelSessionPool(string name, string path, SessionSettings settings, ModelManifest metadata, int capacity)
    {
        Name = name;
        _path = path;
        _settings = settings;
        _metadata = metadata;
        Capacity = capacity;
        _slots = new SemaphoreSlim(capacity, capacity);
    }

    public string Name { get; }

    public int Capacity { get; }

    /// <summary>Sessions opened so far.</summary>
    public int Opened => _all.Count;

    /// <summary>
    /// A pool over a local model file, with its first session opened now: a file that is not a model, or does not match
    /// <paramref name="metadata"/>, throws <see cref="ModelRejectedException"/> here rather than in a job.
    /// </summary>
    public static ModelSessionPool Open(string name, string path, SessionSettings settings, ModelManifest? metadata = null, int capacity = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        if (!File.Exists(path))
        {
            throw new ModelRejectedException($"Model '{name}' has no file at {path}.");
        }

        var pool = new ModelSessionPool(name, path, settings, metadata ?? ModelManifest.None, capacity);
        try
        {
            pool._idle.Add(pool.OpenSession());
            return pool;
        }
        catch
        {
            pool.Dispose();
            throw;
        }
    }

    /// <summary>Waits for a free session; dispose the lease to hand it back.</summary>
    public async Task<ModelSessionLease> RentAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken);
        try
        {
            var entry = _idle.TryTake(out var idle) ? idle : OpenSession();
            return new ModelSessionLease(entry.Session, () => Return(entry));
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    private void Return((InferenceSession Session, SessionOptions Options) entry)
    {
        if (_disposed)
        {
            // The pool closed while this job ran; its sessions are already disposed.
            return;
        }

        _idle.Add(entry);
        _slots.Release();
    }

    private (InferenceSession Session, SessionOptions Options) OpenSession()
    {
        var options = _settings.CreateOptions();
        InferenceSession session;
        try
        {
            session = new InferenceSession(_path, options);
        }
        catch (OnnxRuntimeException exception)
        {
            options.Dispose();
            throw new ModelRejectedException($"Model '{Name}' is not a loadable ONNX model: {exception.Message}", exception);
        }

        try
        {
            _metadata.Check(Name, session);
        }
        catch
        {
            session.Dispose();
            options.Dispose();
            throw;
        }

        _all.Enqueue((session, options));
        return (session, options);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        while (_all.TryDequeue(out var entry))
        {
            entry.Session.Dispose();
            entry.Options.Dispose();
        }

        _slots.Dispose();
    }
}

/// <summary>One session borrowed from a <see cref="ModelSessionPool"/>.</summary>
public sealed class ModelSessionLease(InferenceSession session, Action release) : IDisposable
{
    private Action? _release = release;

    public InferenceSession Session { get; } = session;

    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
