using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Durable.AzureStorage;

namespace Serverless.Durable.Tests.Infrastructure;

/// <summary>
/// A fresh task hub on the storage account in SERVERLESS_TEST_STORAGE (Azurite by default), deleted afterwards.
/// An unreachable account fails the tests: CI starts Azurite first.
/// </summary>
public sealed class AzureStorageFixture : BackendFixture
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("SERVERLESS_TEST_STORAGE") is { Length: > 0 } configured ? configured : "UseDevelopmentStorage=true";

    public string TaskHub { get; } = "t" + Guid.NewGuid().ToString("N")[..12];

    public int PartitionCount { get; init; } = 2;

    public void Configure(AzureStorageOptions options)
    {
        options.ConnectionString = ConnectionString;
        options.TaskHubName = TaskHub;
        options.PartitionCount = PartitionCount;
        options.MaxPollingInterval = TimeSpan.FromMilliseconds(500);
        options.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(5);
        options.WorkItemVisibilityTimeout = TimeSpan.FromSeconds(5);
        options.PartitionLeaseDuration = TimeSpan.FromSeconds(4);
    }

    public override void Use(DurableTaskBuilder builder) => builder.UseAzureStorage(Configure);

    internal AzureStorageBackend CreateBackend()
    {
        var options = new AzureStorageOptions();
        Configure(options);
        return new AzureStorageBackend(options, TimeProvider.System, NullLoggerFactory.Instance);
    }

    public override async ValueTask DisposeAsync()
    {
        await using var backend = CreateBackend();
        await backend.DeleteAsync(CancellationToken.None);
    }
}
