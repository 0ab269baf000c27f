using Azure;
using Serverless.Durable.Backend;
using Serverless.Durable.Messaging;

namespace Serverless.Durable.AzureStorage;

internal sealed class AzureOrchestrationWorkItem(
    string instanceId,
    StoredHistory stored,
    InstanceRecord? instance,
    IReadOnlyList<ReceivedMessage> messages,
    IReadOnlyDictionary<string, List<QueueReceipt>> receipts)
    : OrchestrationWorkItem(instanceId, stored.History, instance, messages)
{
    public ETag? HistoryETag { get; } = stored.ETag;

    /// <summary>Queue receipts by task message id (a resent message can sit on the queue more than once).</summary>
    public IReadOnlyDictionary<string, List<QueueReceipt>> Receipts { get; } = receipts;
}

internal sealed class AzureActivityWorkItem(TaskMessage message, int dequeueCount, QueueReceipt receipt)
    : ActivityWorkItem(message, dequeueCount)
{
    public QueueReceipt Receipt { get; } = receipt;
}
