using Serverless.Durable.Tests.Infrastructure;

namespace Serverless.Durable.Tests.Contract;

public sealed class AzureStorageContractTests : DurableContract
{
    protected override BackendFixture CreateBackend() => new AzureStorageFixture();
}
