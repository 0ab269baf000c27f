using Serverless.Durable.Messaging;
using Serverless.Durable.Serialization;

namespace Serverless.Durable.AzureStorage;

/// <summary>Task messages as queue text; bodies over the queue limit travel as a blob reference.</summary>
internal sealed class QueueMessageCodec(PayloadStore payloads)
{
    private const string BlobPrefix = "blob:";

    public async Task<string> EncodeAsync(TaskMessage message, CancellationToken cancellation)
    {
        var json = HistorySerializer.Serialize(message);
        if (PayloadStore.FitsInQueue(json))
        {
            return json;
        }

        var blob = PayloadStore.BlobNameFor(message.InstanceId, $"messages/{message.Id}");
        await payloads.UploadAsync(blob, json, cancellation);
        return BlobPrefix + blob;
    }

    public async Task<TaskMessage> DecodeAsync(string body, CancellationToken cancellation)
    {
        var json = body.StartsWith(BlobPrefix, StringComparison.Ordinal)
            ? await payloads.DownloadAsync(body[BlobPrefix.Length..], cancellation)
            : body;
        return HistorySerializer.DeserializeMessage(json);
    }
}
