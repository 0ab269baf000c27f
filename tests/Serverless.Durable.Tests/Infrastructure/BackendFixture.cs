namespace Serverless.Durable.Tests.Infrastructure;

/// <summary>A task hub that several test hosts can open in turn (a restart keeps its state).</summary>
public abstract class BackendFixture : IAsyncDisposable
{
    public abstract void Use(DurableTaskBuilder builder);

    public abstract ValueTask DisposeAsync();
}
