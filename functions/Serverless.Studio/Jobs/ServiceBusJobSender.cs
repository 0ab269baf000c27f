using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;
using Serverless.Contracts;

namespace Serverless.Studio.Jobs;

/// <summary>
/// Jobs on Service Bus queues through <see cref="ServiceBusSender"/>: one sender per queue for the app's lifetime
/// (senders hold an AMQP link, expensive to open per message), JSON bodies in the shape the worker reads.
/// </summary>
public sealed class ServiceBusJobSender(ServiceBusClient client) : IJobSender, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ServiceBusSender> _senders = new(StringComparer.Ordinal);

    public async Task SendAsync<T>(string queue, T job, CancellationToken cancellationToken = default)
    {
        var sender = _senders.GetOrAdd(queue, client.CreateSender);
        var message = new ServiceBusMessage(BinaryData.FromObjectAsJson(job, JobJson.Options))
        {
            ContentType = "application/json",
            Subject = typeof(T).Name,
        };
        await sender.SendMessageAsync(message, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sender in _senders.Values)
        {
            await sender.DisposeAsync();
        }

        _senders.Clear();
    }
}
