namespace Serverless.Durable.AzureStorage;

/// <summary>
/// Recorded in the hub (taskhub.json) when it is created, so a host configured with another partition count
/// still routes instances to the queues they were created on.
/// </summary>
internal sealed record TaskHubInfo(int PartitionCount, DateTimeOffset CreatedAt);
