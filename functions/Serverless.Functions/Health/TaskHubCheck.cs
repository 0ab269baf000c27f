using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Serverless.TaskHub;

namespace Serverless.Functions.Health;

/// <summary>
/// The durable task hub's instance and history tables and its work-item queue exist: the engine creates them when
/// it starts, so until then orchestrations cannot start.
/// </summary>
public sealed class TaskHubCheck : IHealthCheck
{
    private readonly TableServiceClient _tables;
    private readonly QueueServiceClient _queues;
    private readonly string _hub;

    public TaskHubCheck(TableServiceClient tables, QueueServiceClient queues, IOptions<TaskHubOptions> hub)
    {
        _tables = tables;
        _queues = queues;
        _hub = hub.Value.TaskHub;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var missing = new List<string>();
        foreach (var table in new[] { _hub + "Instances", _hub + "History" })
        {
            var found = false;
            await foreach (var _ in _tables.QueryAsync(t => t.Name == table, maxPerPage: 1, cancellationToken))
            {
                found = true;
                break;
            }

            if (!found)
            {
                missing.Add("table " + table);
            }
        }

        var workItems = _hub.ToLowerInvariant() + "-workitems";
        if (!await _queues.GetQueueClient(workItems).ExistsAsync(cancellationToken))
        {
            missing.Add("queue " + workItems);
        }

        return missing.Count == 0
            ? HealthCheckResult.Healthy($"task hub '{_hub}' present")
            : HealthCheckResult.Unhealthy($"task hub '{_hub}' incomplete: missing {string.Join(", ", missing)}");
    }
}
