using Serverless.Durable.InMemory;

namespace Serverless.Durable.Tests.Infrastructure;

public sealed class InMemoryFixture : BackendFixture
{
    private readonly InMemoryBackend _backend = new(TimeProvider.System);

    internal InMemoryBackend Backend => _backend;

    public override void Use(DurableTaskBuilder builder) => builder.UseInMemory(_backend);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
