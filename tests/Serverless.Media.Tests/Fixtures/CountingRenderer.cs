using Serverless.Media.Rendering;

namespace Serverless.Media.Tests.Fixtures;

/// <summary>The real renderer, counting its runs, so a test can see that a redelivered job was not rendered twice.</summary>
public sealed class CountingRenderer(IVideoRenderer inner) : IVideoRenderer
{
    private int _renders;

    public int Renders => Volatile.Read(ref _renders);

    public Task<RenderResult> RenderAsync(RenderRequest request, IProgress<RenderProgress>? progress, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _renders);
        return inner.RenderAsync(request, progress, cancellationToken);
    }
}
