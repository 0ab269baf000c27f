using Amqp;
using Amqp.Framing;
using Microsoft.Extensions.Options;
using Serverless.Contracts.Transport;

namespace Serverless.Worker.Tests.Transport;

/// <summary>
/// The transport contract over AMQP 1.0 against a real RabbitMQ with its AMQP 1.0 plugin (the protocol Service Bus
/// speaks). RabbitMQ drops rejected messages unless a dead-letter exchange is set up, so there the contract checks
/// that a dead-lettered job never returns; the reason it carries is not readable back.
/// </summary>
[NeedsBroker]
public sealed class AmqpTransportTests : JobTransportContract
{
    public static AmqpTransportOptions Options() => new()
    {
        Endpoint = RabbitMq.Endpoint,
        KeyName = RabbitMq.User,
        Key = RabbitMq.Password,
        AddressPrefix = "/queue/",
        OperationTimeout = TimeSpan.FromSeconds(10),
    };

    protected override Task<IJobTransport> ConnectAsync() =>
        Task.FromResult<IJobTransport>(new AmqpJobTransport(Microsoft.Extensions.Options.Options.Create(Options())));

    protected override async Task SendUnreadableAsync(string queue, string body)
    {
        var connection = await new ConnectionFactory().CreateAsync(new Address(RabbitMq.Host, RabbitMq.Port, RabbitMq.User, RabbitMq.Password, "/", "amqp"));
        try
        {
            var session = new Session(connection);
            var sender = new SenderLink(session, "unreadable", "/queue/" + queue);
            await sender.SendAsync(new Message(body) { Header = new Header { Durable = true } });
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    protected override Task AssertDeadLetteredAsync(string queue, string reasonPart) => Task.CompletedTask;
}
