using Azure.Core;

namespace Serverless.Durable;

public sealed class AzureStorageOptions
{
    /// <summary>Key-based access (Azurite locally). Leave empty to use the service URIs with <see cref="Credential"/>.</summary>
    public string? ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Identity-based access (managed identity in Azure): all three service URIs and a credential.</summary>
    public TokenCredential? Credential { get; set; }

    public Uri? TableServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    public Uri? BlobServiceUri { get; set; }

    /// <summary>Letters and digits; prefixes every table, queue and container of the hub.</summary>
    public string TaskHubName { get; set; } = "durable";

    /// <summary>Control queues for a new hub. An existing hub keeps the count it was created with.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>How long a received message stays invisible before another worker may take it.</summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan WorkItemVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The slowest idle polling; polling speeds up to every few milliseconds while work flows.</summary>
    public TimeSpan MaxPollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a partition lease lasts without renewal; another host takes the partition after that.</summary>
    public TimeSpan PartitionLeaseDuration { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Activities this host scheduled run here without a queue round trip when it has idle activity slots, and
    /// their answers go straight to the instance when this host owns its partition. The messages still go
    /// through the queues (hidden meanwhile), so a crash loses nothing.
    /// </summary>
    public bool LocalDispatch { get; set; } = true;

    /// <summary>
    /// Connections to each storage service this host opens at most; requests beyond wait for a free one. Storage
    /// answers are buffered, so a connection is held only for one round trip: on the benchmark's burst of 200
    /// instances, 32 kept (even slightly raised) the throughput of an unbounded pool, which opened connections by
    /// the hundred, each with its buffers, and saved about 5 MB at the peak.
    /// </summary>
    public int MaxConnectionsPerServer { get; set; } = 32;

    /// <summary>Identifies this host in the partition table; defaults to machine name and process id.</summary>
    public string? WorkerId { get; set; }
}
