using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Serverless.Durable.AzureStorage;

/// <summary>
/// Control-queue ownership through the {hub}Partitions table: each partition row names its owner and lease
/// expiry and every change is ETag-guarded, so two hosts never both believe they own a partition. Hosts
/// announce themselves with heartbeat rows; one holding more than its fair share releases the extra
/// (cooperative draining) instead of having them stolen.
/// </summary>
internal sealed class PartitionLeases(
    TableClient table,
    int partitionCount,
    AzureStorageOptions options,
    TimeProvider time,
    ILogger logger,
    Func<int, CancellationToken, Task> listen)
{
    private const string PartitionsKey = "partitions";
    private const string HostsKey = "hosts";
    private readonly string _me = options.WorkerId ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
    private readonly Dictionary<int, Owned> _owned = [];

    // Read by other threads (the local answer path); replaced whole after each change.
    private volatile HashSet<int> _ownedSnapshot = [];

    public bool Owns(int partition) => _ownedSnapshot.Contains(partition);

    public IReadOnlyCollection<int> OwnedPartitions => _ownedSnapshot;

    public async Task RunAsync(CancellationToken stopping)
    {
        var interval = TimeSpan.FromTicks(options.PartitionLeaseDuration.Ticks / 4);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await BalanceAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (RequestFailedException e)
            {
                logger.LogWarning(e, "Partition lease round failed for {Worker}", _me);
            }

            try
            {
                await Task.Delay(interval, time, stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        _ownedSnapshot = [];
        foreach (var owned in _owned.Values)
        {
            await owned.Stop.CancelAsync();
        }

        await Task.WhenAll(_owned.Values.Select(o => o.Listening));
    }

    public async Task ReleaseAllAsync(CancellationToken cancellation)
    {
        foreach (var (partition, owned) in _owned.ToList())
        {
            await ReleaseAsync(partition, owned, cancellation);
        }

        try
        {
            await table.DeleteEntityAsync(HostsKey, _me, ETag.All, cancellation);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Never announced itself: nothing to withdraw.
        }
    }

    private async Task BalanceAsync(CancellationToken stopping)
    {
        try
        {
            await RebalanceAsync(stopping);
        }
        finally
        {
            _ownedSnapshot = [.. _owned.Keys];
        }
    }

    private async Task RebalanceAsync(CancellationToken stopping)
    {
        var now = time.GetUtcNow();
        var expires = now + options.PartitionLeaseDuration;
        await table.UpsertEntityAsync(new TableEntity(HostsKey, _me) { ["ExpiresAt"] = expires }, TableUpdateMode.Replace, stopping);

        var hosts = new List<TableEntity>();
        await foreach (var host in table.QueryAsync<TableEntity>($"PartitionKey eq '{HostsKey}'", cancellationToken: stopping))
        {
            hosts.Add(host);
        }

        var activeHosts = Math.Max(1, hosts.Count(h => h.GetDateTimeOffset("ExpiresAt") > now));
        var fairShare = (partitionCount + activeHosts - 1) / activeHosts;

        var rows = new Dictionary<int, TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>($"PartitionKey eq '{PartitionsKey}'", cancellationToken: stopping))
        {
            rows[int.Parse(row.RowKey, CultureInfo.InvariantCulture)] = row;
        }

        for (var p = 0; p < partitionCount; p++)
        {
            rows.TryGetValue(p, out var row);
            var mine = row?.GetString("Owner") == _me;
            var free = row is null || string.IsNullOrEmpty(row.GetString("Owner")) || row.GetDateTimeOffset("ExpiresAt") <= now;
            if (mine && _owned.ContainsKey(p))
            {
                if (_owned.Count > fairShare)
                {
                    await ReleaseAsync(p, _owned[p], stopping);
                    continue;
                }

                if (!await TryWriteAsync(p, row, expires, stopping))
                {
                    await _owned[p].Stop.CancelAsync();
                    _owned.Remove(p);
                }
            }
            else if (_owned.TryGetValue(p, out var lost))
            {
                logger.LogWarning("Partition {Partition} was taken over; {Worker} stops listening to it", p, _me);
                await lost.Stop.CancelAsync();
                _owned.Remove(p);
            }
            else if ((free || mine) && _owned.Count < fairShare && await TryWriteAsync(p, row, expires, stopping))
            {
                var stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                _owned[p] = new Owned(stop, listen(p, stop.Token));
                logger.LogInformation("{Worker} now owns control queue partition {Partition}", _me, p);
            }
        }
    }

    private async Task<bool> TryWriteAsync(int partition, TableEntity? row, DateTimeOffset expires, CancellationToken cancellation)
    {
        var entity = new TableEntity(PartitionsKey, partition.ToString("D2", CultureInfo.InvariantCulture)) { ["Owner"] = _me, ["ExpiresAt"] = expires };
        try
        {
            if (row is null)
            {
                await table.AddEntityAsync(entity, cancellation);
            }
            else
            {
                await table.UpdateEntityAsync(entity, row.ETag, TableUpdateMode.Replace, cancellation);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    private async Task ReleaseAsync(int partition, Owned owned, CancellationToken cancellation)
    {
        _ownedSnapshot = [.. _owned.Keys.Where(p => p != partition)];
        await owned.Stop.CancelAsync();
        await owned.Listening;
        _owned.Remove(partition);
        var entity = new TableEntity(PartitionsKey, partition.ToString("D2", CultureInfo.InvariantCulture)) { ["Owner"] = "", ["ExpiresAt"] = time.GetUtcNow() };
        var current = await table.GetEntityIfExistsAsync<TableEntity>(PartitionsKey, entity.RowKey, cancellationToken: cancellation);
        if (current.HasValue && current.Value!.GetString("Owner") == _me)
        {
            try
            {
                await table.UpdateEntityAsync(entity, current.Value.ETag, TableUpdateMode.Replace, cancellation);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                logger.LogInformation("Partition {Partition} changed hands while {Worker} released it", partition, _me);
            }
        }

        logger.LogInformation("{Worker} released control queue partition {Partition}", _me, partition);
    }

    private sealed record Owned(CancellationTokenSource Stop, Task Listening);
}
