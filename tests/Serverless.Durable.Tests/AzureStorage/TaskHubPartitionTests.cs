using Serverless.Durable.Tests.Infrastructure;

namespace Serverless.Durable.Tests.AzureStorage;

public sealed class TaskHubPartitionTests : IAsyncLifetime
{
    private readonly AzureStorageFixture _hub = new() { PartitionCount = 4 };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task The_partition_count_recorded_in_the_hub_wins_over_configuration()
    {
        await using (var first = _hub.CreateBackend())
        {
            await first.CreateIfNotExistsAsync(CancellationToken.None);
            Assert.Equal(4, first.PartitionCount);
        }

        var reconfigured = new AzureStorageOptions();
        _hub.Configure(reconfigured);
        reconfigured.PartitionCount = 16;
        await using var second = new Serverless.Durable.AzureStorage.AzureStorageBackend(
            reconfigured, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        await second.CreateIfNotExistsAsync(CancellationToken.None);
        Assert.Equal(4, second.PartitionCount);
    }

    [Fact]
    public async Task Two_hosts_split_the_partitions_and_never_own_one_together()
    {
        await using var first = _hub.CreateBackend();
        await first.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => first.OwnedPartitions.Count == 4);

        await using var second = _hub.CreateBackend();
        await second.StartAsync(CancellationToken.None);
        var overlaps = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!(first.OwnedPartitions.Count == 2 && second.OwnedPartitions.Count == 2))
        {
            overlaps += first.OwnedPartitions.Intersect(second.OwnedPartitions).Any() ? 1 : 0;
            await Task.Delay(20, timeout.Token);
        }

        Assert.Equal(0, overlaps);
        Assert.Empty(first.OwnedPartitions.Intersect(second.OwnedPartitions));

        await second.StopAsync(CancellationToken.None);
        await WaitUntilAsync(() => first.OwnedPartitions.Count == 4);
    }

    [Fact]
    public async Task Stopping_and_disposing_at_the_same_moment_is_safe()
    {
        var backend = _hub.CreateBackend();
        await backend.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => backend.OwnedPartitions.Count == 4);
        await Task.WhenAll(backend.StopAsync(CancellationToken.None), backend.DisposeAsync().AsTask(), backend.StopAsync(CancellationToken.None));
        Assert.Empty(backend.OwnedPartitions);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
