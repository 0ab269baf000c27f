using System.Globalization;

namespace Serverless.Durable.AzureStorage;

/// <summary>Names of a task hub's tables, queues and container (queues and containers must be lower case).</summary>
internal sealed class TaskHubNames
{
    public TaskHubNames(string hub)
    {
        if (string.IsNullOrEmpty(hub) || hub.Length > 45 || !char.IsAsciiLetter(hub[0]) || !hub.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"Task hub name '{hub}' must start with a letter and hold only letters and digits (at most 45).", nameof(hub));
        }

        Hub = hub;
        var lower = hub.ToLowerInvariant();
        InstancesTable = hub + "Instances";
        HistoryTable = hub + "History";
        PartitionsTable = hub + "Partitions";
        WorkItemQueue = lower + "-workitems";
        QuarantineQueue = lower + "-quarantine";
        PayloadContainer = lower + "-payloads";
        _controlQueuePrefix = lower + "-control-";
    }

    private readonly string _controlQueuePrefix;

    public string Hub { get; }

    public string InstancesTable { get; }

    public string HistoryTable { get; }

    public string PartitionsTable { get; }

    public string WorkItemQueue { get; }

    public string QuarantineQueue { get; }

    public string PayloadContainer { get; }

    public string ControlQueue(int partition) => _controlQueuePrefix + partition.ToString("D2", CultureInfo.InvariantCulture);
}
