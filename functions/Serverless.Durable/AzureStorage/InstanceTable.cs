using Azure;
using Azure.Data.Tables;
using Serverless.Durable.Backend;
using Serverless.Durable.Serialization;

namespace Serverless.Durable.AzureStorage;

/// <summary>The {hub}Instances table: one row per instance (PartitionKey = instance id), the queryable status.</summary>
internal sealed class InstanceTable(TableClient table, PayloadStore payloads)
{
    // An execution's input never changes, so its blob is written once rather than on every episode.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _writtenInputs = new(StringComparer.Ordinal);

    private static readonly string[] SummaryColumns =
        ["PartitionKey", "RowKey", "Name", "ExecutionId", "RuntimeStatus", "CreatedAt", "LastUpdatedAt", "CustomStatus", "CustomStatusBlob", "FailureDetails", "FailureDetailsBlob"];

    public TableClient Table { get; } = table;

    public async Task<(InstanceRecord? Record, ETag ETag)> GetAsync(string instanceId, bool includePayloads, CancellationToken cancellation)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(instanceId, "", includePayloads ? null : SummaryColumns, cancellation);
        return row.HasValue ? (await ToRecordAsync(row.Value!, includePayloads, cancellation), row.Value!.ETag) : (null, default);
    }

    /// <summary>
    /// Inserts a Pending row; refuses when a running instance holds the id. True when the id was new (no earlier
    /// execution left history behind), false when a finished instance was replaced.
    /// </summary>
    public async Task<bool> CreateAsync(InstanceRecord record, CancellationToken cancellation)
    {
        var row = await ToRowAsync(record, cancellation);
        try
        {
            await Table.AddEntityAsync(row, cancellation);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // The id was used before: a finished instance may be replaced, a running one may not.
        }

        var (existing, etag) = await GetAsync(record.InstanceId, false, cancellation);
        if (existing is { IsRunning: true })
        {
            throw new InvalidOperationException($"An instance with id '{record.InstanceId}' is already {existing.Status}.");
        }

        try
        {
            await Table.UpdateEntityAsync(row, etag, TableUpdateMode.Replace, cancellation);
            return false;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            throw new InvalidOperationException($"Instance id '{record.InstanceId}' is being started concurrently.", e);
        }
    }

    public async Task UpsertAsync(InstanceRecord record, CancellationToken cancellation) =>
        await Table.UpsertEntityAsync(await ToRowAsync(record, cancellation), TableUpdateMode.Replace, cancellation);

    public async Task<bool> DeleteAsync(string instanceId, CancellationToken cancellation)
    {
        try
        {
            await Table.DeleteEntityAsync(instanceId, "", ETag.All, cancellation);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    public async Task<(IReadOnlyList<InstanceRecord>, string?)> QueryAsync(InstanceQuery query, CancellationToken cancellation)
    {
        var filters = new List<string> { "RowKey eq ''" };
        if (query.InstanceIdPrefix is { Length: > 0 } prefix)
        {
            filters.Add($"PartitionKey ge '{HistoryTable.Escape(prefix)}' and PartitionKey lt '{HistoryTable.Escape(prefix)}\uffff'");
        }

        if (query.Statuses is { Count: > 0 } statuses)
        {
            filters.Add("(" + string.Join(" or ", statuses.Select(s => $"RuntimeStatus eq '{s}'")) + ")");
        }

        if (query.CreatedFrom is { } from)
        {
            filters.Add(TableClient.CreateQueryFilter($"CreatedAt ge {from}"));
        }

        if (query.CreatedTo is { } to)
        {
            filters.Add(TableClient.CreateQueryFilter($"CreatedAt le {to}"));
        }

        var filter = string.Join(" and ", filters);
        var select = query.FetchInputsAndOutputs ? null : SummaryColumns;
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, query.PageSize, select, cancellation).AsPages(query.ContinuationToken, query.PageSize))
        {
            var records = new List<InstanceRecord>(page.Values.Count);
            foreach (var row in page.Values)
            {
                records.Add(await ToRecordAsync(row, query.FetchInputsAndOutputs, cancellation));
            }

            return (records, page.ContinuationToken);
        }

        return ([], null);
    }

    private async Task<TableEntity> ToRowAsync(InstanceRecord record, CancellationToken cancellation)
    {
        var row = new TableEntity(record.InstanceId, "")
        {
            ["Name"] = record.Name,
            ["ExecutionId"] = record.ExecutionId,
            ["RuntimeStatus"] = record.Status.ToString(),
            ["CreatedAt"] = record.CreatedAt,
            ["LastUpdatedAt"] = record.LastUpdatedAt,
        };
        await PutAsync(row, record.ExecutionId, "Input", record.Input, cancellation);
        await PutAsync(row, record.ExecutionId, "Output", record.Output, cancellation);
        await PutAsync(row, record.ExecutionId, "CustomStatus", record.CustomStatus, cancellation);
        await PutAsync(row, record.ExecutionId, "FailureDetails", record.Failure is null ? null : HistorySerializer.Serialize(record.Failure), cancellation);
        return row;
    }

    private async Task PutAsync(TableEntity row, string executionId, string column, string? value, CancellationToken cancellation)
    {
        if (value is null)
        {
            return;
        }

        if (PayloadStore.FitsInTable(value))
        {
            row[column] = value;
            return;
        }

        var blob = PayloadStore.BlobNameFor(row.PartitionKey, $"instance/{column}-{executionId}");
        if (column != "Input" || _writtenInputs.TryAdd(blob, true))
        {
            await payloads.UploadAsync(blob, value, cancellation);
        }

        row[column + "Blob"] = blob;
    }

    private async Task<string?> GetAsync(TableEntity row, string column, CancellationToken cancellation) =>
        row.GetString(column) ?? (row.GetString(column + "Blob") is { } blob ? await payloads.DownloadAsync(blob, cancellation) : null);

    private async Task<InstanceRecord> ToRecordAsync(TableEntity row, bool includePayloads, CancellationToken cancellation) => new(
        row.PartitionKey,
        row.GetString("Name") ?? "",
        row.GetString("ExecutionId") ?? "",
        Enum.Parse<OrchestrationRuntimeStatus>(row.GetString("RuntimeStatus") ?? nameof(OrchestrationRuntimeStatus.Pending)),
        row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        row.GetDateTimeOffset("LastUpdatedAt") ?? DateTimeOffset.MinValue,
        includePayloads ? await GetAsync(row, "Input", cancellation) : null,
        includePayloads ? await GetAsync(row, "Output", cancellation) : null,
        await GetAsync(row, "CustomStatus", cancellation),
        HistorySerializer.DeserializeFailure(await GetAsync(row, "FailureDetails", cancellation)));
}
