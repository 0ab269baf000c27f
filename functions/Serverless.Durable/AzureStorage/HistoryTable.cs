using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Serverless.Durable.Backend;
using Serverless.Durable.History;
using Serverless.Durable.Serialization;

namespace Serverless.Durable.AzureStorage;

/// <summary>
/// The {hub}History table: one partition per instance, rows "{executionId}-{sequence}" plus a sentinel row
/// whose ETag guards every append and whose count says how many rows are committed.
/// </summary>
internal sealed class HistoryTable(TableClient table, PayloadStore payloads)
{
    private const string SentinelKey = "sentinel";
    private const int MaxRowsPerTransaction = 99;
    private const int MaxTransactionChars = 1_500_000;

    public TableClient Table { get; } = table;

    public async Task<StoredHistory> LoadAsync(string instanceId, CancellationToken cancellation)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(instanceId, SentinelKey, cancellationToken: cancellation);
        if (!found.HasValue)
        {
            return new StoredHistory(OrchestrationHistory.Empty, null);
        }

        var sentinel = found.Value!;

        var executionId = sentinel.GetString("ExecutionId");
        var count = sentinel.GetInt32("EventCount") ?? 0;
        var filter = $"PartitionKey eq '{Escape(instanceId)}' and RowKey ge '{executionId}-' and RowKey lt '{executionId}.'";
        var rows = new List<TableEntity>(count);
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellation))
        {
            rows.Add(row);
        }

        var events = new List<HistoryEvent>(count);
        foreach (var row in rows.OrderBy(r => r.RowKey, StringComparer.Ordinal).Take(count))
        {
            events.Add(await ReadEventAsync(row, cancellation));
        }

        if (events.Count < count)
        {
            throw new InvalidOperationException($"History of '{instanceId}' has {events.Count} rows but {count} are committed.");
        }

        return new StoredHistory(new OrchestrationHistory(executionId, events), sentinel.ETag);
    }

    /// <summary>
    /// Writes the new rows, then the sentinel with the new count, guarded by the ETag the episode started from.
    /// Rows past the committed count are invisible, so a crash mid-way is healed by the retry's upserts.
    /// </summary>
    public async Task<ETag?> AppendAsync(string instanceId, string executionId, int firstSequence, IReadOnlyList<HistoryEvent> events, ETag? expected, CancellationToken cancellation)
    {
        var rows = new List<TableEntity>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            rows.Add(await ToRowAsync(instanceId, executionId, firstSequence + i, events[i], cancellation));
        }

        var sentinel = new TableEntity(instanceId, SentinelKey)
        {
            ["ExecutionId"] = executionId,
            ["EventCount"] = firstSequence + events.Count,
        };

        var batches = Chunk(rows);
        for (var b = 0; b < batches.Count - 1; b++)
        {
            if (b == 0 && expected is { } guard)
            {
                await EnsureUnchangedAsync(instanceId, guard, cancellation);
            }

            await Table.SubmitTransactionAsync(batches[b].Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellation);
        }

        var last = batches[^1].Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)).ToList();
        last.Add(expected is { } etag
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, sentinel, etag)
            : new TableTransactionAction(TableTransactionActionType.Add, sentinel));
        try
        {
            var response = await Table.SubmitTransactionAsync(last, cancellation);
            return response.Value[^1].Headers.ETag;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            throw new OrchestrationConflictException(instanceId);
        }
    }

    public async Task DeleteInstanceAsync(string instanceId, CancellationToken cancellation)
    {
        var keys = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>($"PartitionKey eq '{Escape(instanceId)}'", select: ["PartitionKey", "RowKey"], cancellationToken: cancellation))
        {
            keys.Add(row);
        }

        foreach (var chunk in keys.Chunk(100))
        {
            await Table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellation);
        }
    }

    private async Task EnsureUnchangedAsync(string instanceId, ETag expected, CancellationToken cancellation)
    {
        var current = await Table.GetEntityIfExistsAsync<TableEntity>(instanceId, SentinelKey, ["ExecutionId"], cancellation);
        if (!current.HasValue || current.Value!.ETag != expected)
        {
            throw new OrchestrationConflictException(instanceId);
        }
    }

    private async Task<TableEntity> ToRowAsync(string instanceId, string executionId, int sequence, HistoryEvent e, CancellationToken cancellation)
    {
        var rowKey = $"{executionId}-{sequence.ToString("D8", CultureInfo.InvariantCulture)}";
        var json = HistorySerializer.Serialize(e);
        var row = new TableEntity(instanceId, rowKey) { ["EventType"] = e.GetType().Name };
        if (PayloadStore.FitsInTable(json))
        {
            row["Event"] = json;
        }
        else
        {
            var blob = PayloadStore.BlobNameFor(instanceId, $"history/{rowKey}");
            await payloads.UploadAsync(blob, json, cancellation);
            row["EventBlob"] = blob;
        }

        return row;
    }

    private async Task<HistoryEvent> ReadEventAsync(TableEntity row, CancellationToken cancellation)
    {
        var json = row.GetString("Event") ?? await payloads.DownloadAsync(row.GetString("EventBlob")!, cancellation);
        return HistorySerializer.DeserializeEvent(json);
    }

    private static List<List<TableEntity>> Chunk(List<TableEntity> rows)
    {
        var batches = new List<List<TableEntity>> { new() };
        var chars = 0;
        foreach (var row in rows)
        {
            var size = (row.GetString("Event")?.Length ?? 0) + 200;
            if (batches[^1].Count >= MaxRowsPerTransaction || chars + size > MaxTransactionChars)
            {
                batches.Add([]);
                chars = 0;
            }

            batches[^1].Add(row);
            chars += size;
        }

        return batches;
    }

    internal static string Escape(string value) => value.Replace("'", "''", StringComparison.Ordinal);
}

/// <summary>History as read, with the sentinel ETag the next append must match (null: no sentinel yet).</summary>
internal sealed record StoredHistory(OrchestrationHistory History, ETag? ETag);
