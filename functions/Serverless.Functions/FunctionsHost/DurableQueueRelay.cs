using System.Globalization;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using Serverless.Studio.Storage;

namespace Serverless.Functions.FunctionsHost;

/// <summary>
/// The durable engine's queues are declared as queue triggers only so the Functions scale controller scales the app
/// on their depth. A message the host takes is then gone from the engine's view (the host deletes it when the
/// handler succeeds), so the handler gives it straight back: it sends the same text to the same queue, visible at
/// once, where the engine's dispatchers (polling at most every second) take it as they take any other message.
/// </summary>
public sealed class DurableQueueRelay
{
    private readonly QueueServiceClient _queues;
    private readonly string _hub;

    public DurableQueueRelay(IOptions<StorageOptions> storage, IConfiguration configuration)
    {
        // The engine writes raw JSON text (no Base64), unlike the job queues, so this client must not encode.
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        _queues = string.IsNullOrEmpty(storage.Value.ConnectionString)
            ? new QueueServiceClient(storage.Value.QueueServiceUri, new DefaultAzureCredential(), options)
            : new QueueServiceClient(storage.Value.ConnectionString, options);
        _hub = (configuration["Durable:TaskHub"] ?? "studio").ToLowerInvariant();
    }

    /// <summary>The engine's queue behind a function, named as the engine names them (hub lower-cased).</summary>
    public string QueueOf(string functionName) => functionName == FunctionNames.DurableWorkItems
        ? $"{_hub}-workitems"
        : $"{_hub}-control-{int.Parse(functionName[^2..], CultureInfo.InvariantCulture):D2}";

    public async Task<FunctionInvocationResult> HandBackAsync(string functionName, FunctionInvocation invocation, CancellationToken cancellation)
    {
        var text = invocation.DataText("message");
        if (string.IsNullOrEmpty(text))
        {
            throw new FunctionInvocationException("Data.message (the queue message text) is missing.");
        }

        var queue = QueueOf(functionName);
        var sent = await _queues.GetQueueClient(queue).SendMessageAsync(text, cancellation);
        var from = invocation.MetadataText("Id") ?? "?";
        var dequeues = invocation.MetadataText("DequeueCount") ?? "?";
        return FunctionInvocationResult.Done(
            sent.Value.MessageId,
            $"Handed message {from} (dequeue count {dequeues}) back to {queue} as {sent.Value.MessageId} for the durable engine.");
    }
}
