using Azure.Storage.Queues;
using Serverless.Contracts;
using Serverless.Contracts.Transport;

namespace Serverless.Worker.Tests.Transport;

/// <summary>The transport contract on Azure Storage queues (Azurite, which CI starts; these fail when it is down).</summary>
public sealed class StorageQueueTransportTests : JobTransportContract
{
    private readonly QueueServiceClient _queues = new("UseDevelopmentStorage=true", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    protected override Task<IJobTransport> ConnectAsync() => Task.FromResult<IJobTransport>(new StorageQueueJobTransport(_queues));

    protected override async Task SendUnreadableAsync(string queue, string body)
    {
        var client = _queues.GetQueueClient(queue);
        await client.CreateIfNotExistsAsync();
        await client.SendMessageAsync(body);
    }

    protected override async Task AssertDeadLetteredAsync(string queue, string reasonPart)
    {
        var poison = _queues.GetQueueClient(DeadLetter.PoisonQueueFor(queue));
        var messages = (await poison.ReceiveMessagesAsync(maxMessages: 10)).Value;
        var letter = Assert.Single(messages).Body.ToObjectFromJson<DeadLetter>(JobJson.Options)!;
        Assert.Contains(reasonPart, letter.Reason);
        Assert.True(letter.Job is not null || letter.Body is not null);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _queues.GetQueueClient(Queue).DeleteIfExistsAsync();
        await _queues.GetQueueClient(DeadLetter.PoisonQueueFor(Queue)).DeleteIfExistsAsync();
    }
}
