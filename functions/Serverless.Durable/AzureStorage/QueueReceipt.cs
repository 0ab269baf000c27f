namespace Serverless.Durable.AzureStorage;

/// <summary>Where a received queue message is and the pop receipt needed to delete or re-hide it.</summary>
internal sealed class QueueReceipt(int partition, string queueMessageId, string popReceipt)
{
    /// <summary>Control queue partition; -1 for the work-item queue.</summary>
    public int Partition { get; } = partition;

    public string QueueMessageId { get; } = queueMessageId;

    public string PopReceipt { get; set; } = popReceipt;
}
