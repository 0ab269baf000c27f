using Serverless.Durable.Tests.Infrastructure;

namespace Serverless.Durable.Tests.Contract;

public sealed class InMemoryContractTests : DurableContract
{
    protected override BackendFixture CreateBackend() => new InMemoryFixture();
}
