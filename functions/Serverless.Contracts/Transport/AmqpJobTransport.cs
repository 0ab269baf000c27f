using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Amqp;
using Amqp.Framing;
using Amqp.Sasl;
using Amqp.Types;
using Azure.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Serverless.Contracts.Transport;

/// <summary>
/// Jobs over AMQP 1.0 (AMQPNetLite): Azure Service Bus in Azure, RabbitMQ's AMQP 1.0 plugin locally. One connection
/// and session, re-opened when the broker drops them. Settlement maps onto AMQP outcomes: complete = accepted,
/// abandon = released (not attempted) or modified with delivery-failed (a failed attempt, counted), dead-letter =
/// rejected with an error carrying the reason (Service Bus moves the message to its dead-letter sub-queue with it).
/// Each waiting receive holds at most one credit, so a busy worker never sits on jobs another could run.
/// </summary>
public sealed class AmqpJobTransport : IJobTransport, IAsyncDisposable
{
    public const string ServiceBusScope = "https://servicebus.azure.net/.default";
    private const string DeadLetterCondition = "com.microsoft:dead-letter";
    private static readonly TimeSpan TokenRefreshMargin = TimeSpan.FromMinutes(5);

    private readonly AmqpTransportOptions _options;
    private readonly TokenCredential? _credential;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Link? _current;

    public AmqpJobTransport(IOptions<AmqpTransportOptions> options, TokenCredential? credential = null, TimeProvider? time = null, ILogger<AmqpJobTransport>? logger = null)
    {
        _options = options.Value;
        _credential = credential;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<AmqpJobTransport>.Instance;
        if (_options.UsesTokenCredential && _credential is null)
        {
            throw new InvalidOperationException("Transport:ServiceBus has no KeyName/Key and no token credential was given.");
        }
    }

    public async Task SendAsync<T>(string queue, T job, CancellationToken cancellationToken = default)
    {
        var link = await OpenAsync(cancellationToken);
        var address = Address(queue);
        await AuthorizeAsync(link, address, cancellationToken);
        var sender = link.Senders.GetOrAdd(address, a => new SenderLink(link.Session, $"send-{a}-{Guid.NewGuid():N}", a));
        var message = new Message
        {
            BodySection = new Data { Binary = JsonSerializer.SerializeToUtf8Bytes(job, JobJson.Options) },
            Properties = new Properties { MessageId = Guid.NewGuid().ToString("N"), ContentType = "application/json" },
            Header = new Header { Durable = true },
        };
        await Guard(sender.SendAsync(message, _options.OperationTimeout), link);
    }

    public async Task<JobDelivery<T>?> ReceiveAsync<T>(string queue, TimeSpan visibility, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        var link = await OpenAsync(cancellationToken);
        var address = Address(queue);
        await AuthorizeAsync(link, address, cancellationToken);
        var pool = link.Receivers.GetOrAdd(address, _ => new ConcurrentBag<Receiver>());
        if (!pool.TryTake(out var receiver))
        {
            receiver = new Receiver(new ReceiverLink(link.Session, $"receive-{address}-{Guid.NewGuid():N}", address));
        }

        var deadline = _time.GetUtcNow() + wait;
        while (true)
        {
            if (!receiver.HasCredit)
            {
                receiver.Link.SetCredit(1, CreditMode.Manual);
                receiver.HasCredit = true;
            }

            var left = deadline - _time.GetUtcNow();
            Message? message;
            try
            {
                message = await Guard(receiver.Link.ReceiveAsync(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1)), link).WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // The credit is still out: the link goes back to the pool, and a job that arrives meanwhile waits in it.
                pool.Add(receiver);
                throw;
            }

            if (message is null)
            {
                pool.Add(receiver);
                return null;
            }

            receiver.HasCredit = false;
            if (Decode<T>(message, out var job, out var error))
            {
                return new Delivery<T>(this, link, address, receiver, pool, message, job);
            }

            // A message no worker can read would otherwise come back for ever.
            receiver.Link.Reject(message, DeadLetterError($"The message is not a valid {typeof(T).Name}: {error}"));
            _logger.LogWarning("Dead-lettered an unreadable message on {Address}: {Error}", address, error);
        }
    }

    public async ValueTask DisposeAsync()
    {
        var link = _current;
        _current = null;
        if (link is not null)
        {
            await link.CloseAsync();
        }

        _gate.Dispose();
    }

    private string Address(string queue) => _options.AddressPrefix + queue;

    private static Error DeadLetterError(string reason)
    {
        var bounded = DeadLetter.Bounded(reason);
        return new Error(new Symbol(DeadLetterCondition))
        {
            Description = bounded,
            // Service Bus copies these onto the dead-lettered message's properties.
            Info = new Fields { [new Symbol("DeadLetterReason")] = bounded, [new Symbol("DeadLetterErrorDescription")] = bounded },
        };
    }

    private static bool Decode<T>(Message message, out T job, out string error)
    {
        byte[]? bytes = message.BodySection switch
        {
            Data data => data.Binary,
            AmqpValue { Value: byte[] binary } => binary,
            AmqpValue { Value: string text } => Encoding.UTF8.GetBytes(text),
            _ => null,
        };
        if (bytes is null)
        {
            (job, error) = (default!, "the body is neither data nor a string");
            return false;
        }

        return JobJson.TryRead(bytes, out job, out error);
    }

    /// <summary>A broken connection surfaces as a closed object: forget it, so the next call opens a new one.</summary>
    private async Task<TResult> Guard<TResult>(Task<TResult> operation, Link link)
    {
        try
        {
            return await operation;
        }
        catch (Exception exception) when (exception is AmqpException or ObjectDisposedException or IOException or TimeoutException)
        {
            if (link.Connection.IsClosed || link.Session.IsClosed)
            {
                Interlocked.CompareExchange(ref _current, null, link);
            }

            throw;
        }
    }

    private async Task Guard(Task operation, Link link) =>
        await Guard(operation.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default), link);

    private async Task<Link> OpenAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is { IsOpen: true })
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { IsOpen: true } open)
            {
                return open;
            }

            if (_current is { } broken)
            {
                _current = null;
                await broken.CloseAsync();
            }

            var endpoint = _options.Endpoint!;
            var port = endpoint.IsDefaultPort ? (endpoint.Scheme == "amqps" ? 5671 : 5672) : endpoint.Port;
            var address = _options.UsesTokenCredential
                ? new Amqp.Address(endpoint.Host, port, user: null, password: null, path: "/", scheme: endpoint.Scheme)
                : new Amqp.Address(endpoint.Host, port, _options.KeyName, _options.Key, "/", endpoint.Scheme);
            var factory = new ConnectionFactory();
            if (_options.UsesTokenCredential)
            {
                // Service Bus takes the token on its CBS node after an anonymous SASL exchange.
                factory.SASL.Profile = SaslProfile.Anonymous;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.OperationTimeout);
            var connection = await factory.CreateAsync(address, timeout.Token);
            var session = new Session(connection);
            _current = new Link(connection, session);
            _logger.LogInformation("Connected to the AMQP broker at {Host}:{Port}", endpoint.Host, port);
            return _current;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>With a token credential, puts a fresh token for the node on the CBS node before it is used, and again before it expires.</summary>
    private async Task AuthorizeAsync(Link link, string address, CancellationToken cancellationToken)
    {
        if (!_options.UsesTokenCredential)
        {
            return;
        }

        if (link.TokenExpiries.TryGetValue(address, out var expires) && expires - TokenRefreshMargin > _time.GetUtcNow())
        {
            return;
        }

        var token = await _credential!.GetTokenAsync(new TokenRequestContext([ServiceBusScope]), cancellationToken);
        var audience = $"amqp://{_options.Endpoint!.Host}/{address}";
        var request = new Message(token.Token)
        {
            Properties = new Properties { MessageId = Guid.NewGuid().ToString("N"), ReplyTo = "cbs-reply" },
            ApplicationProperties = new ApplicationProperties
            {
                ["operation"] = "put-token",
                ["type"] = "jwt",
                ["name"] = audience,
                ["expiration"] = token.ExpiresOn.UtcDateTime,
            },
        };
        var response = await link.RequestAsync("$cbs", "cbs-reply", request, _options.OperationTimeout, cancellationToken);
        var status = StatusOf(response, "status-code");
        if (status is not (200 or 202))
        {
            throw new AmqpException(new Error(new Symbol(ErrorCode.UnauthorizedAccess))
            {
                Description = $"CBS put-token for {address} answered {status}: {response?.ApplicationProperties?["status-description"]}",
            });
        }

        link.TokenExpiries[address] = token.ExpiresOn;
    }

    private static int? StatusOf(Message? response, string key) =>
        response?.ApplicationProperties?[key] switch
        {
            int value => value,
            long value => (int)value,
            _ => null,
        };

    /// <summary>Service Bus' renew-lock on the queue's management node; false when the broker has no such node.</summary>
    private async Task<bool> RenewLockAsync(Link link, string address, Message message, CancellationToken cancellationToken)
    {
        if (!_options.RenewLocks || link.NoManagement.ContainsKey(address) || message.DeliveryTag is not { Length: 16 } tag)
        {
            return false;
        }

        var request = new Message(new Map { [new Symbol("lock-tokens")] = new[] { new Guid(tag) } })
        {
            Properties = new Properties { MessageId = Guid.NewGuid().ToString("N"), ReplyTo = $"{address}-mgmt-reply" },
            ApplicationProperties = new ApplicationProperties { ["operation"] = "com.microsoft:renew-lock" },
        };
        Message? response;
        try
        {
            response = await link.RequestAsync($"{address}/$management", $"{address}-mgmt-reply", request, _options.OperationTimeout, cancellationToken);
        }
        catch (AmqpException exception) when (!link.Connection.IsClosed && !link.Session.IsClosed)
        {
            // RabbitMQ and other brokers refuse the node: they keep an unsettled message for as long as its link lives.
            link.NoManagement[address] = true;
            _logger.LogInformation("The broker has no management node for {Address} ({Condition}); message locks are not renewed", address, exception.Error?.Condition);
            return false;
        }

        var status = StatusOf(response, "statusCode");
        if (status != 200)
        {
            throw new AmqpException(new Error(new Symbol(ErrorCode.MessageReleased))
            {
                Description = $"renew-lock on {address} answered {status}: {response?.ApplicationProperties?["statusDescription"]}",
            });
        }

        return true;
    }

    /// <summary>
    /// Service Bus counts failed deliveries in the header's delivery-count; RabbitMQ's classic queues leave it at 0
    /// and only clear first-acquirer on a redelivery, which still tells a retry from a first attempt.
    /// </summary>
    private static long DeliveriesOf(Message message)
    {
        var header = message.Header;
        var counted = (header?.DeliveryCount ?? 0) + 1L;
        return header is { FirstAcquirer: false } ? Math.Max(counted, 2) : counted;
    }

    /// <summary>A pooled receiver link and whether the credit it was given is still unused.</summary>
    private sealed class Receiver(ReceiverLink link)
    {
        public ReceiverLink Link { get; } = link;
        public bool HasCredit { get; set; }
    }

    /// <summary>One open connection and everything opened on it; dropped whole when the connection breaks.</summary>
    private sealed class Link(Connection connection, Session session)
    {
        private readonly SemaphoreSlim _requests = new(1, 1);
        private readonly Dictionary<string, (SenderLink Sender, ReceiverLink Receiver)> _requestLinks = [];

        public Connection Connection { get; } = connection;
        public Session Session { get; } = session;
        public ConcurrentDictionary<string, SenderLink> Senders { get; } = new();
        public ConcurrentDictionary<string, ConcurrentBag<Receiver>> Receivers { get; } = new();
        public ConcurrentDictionary<string, DateTimeOffset> TokenExpiries { get; } = new();
        public ConcurrentDictionary<string, bool> NoManagement { get; } = new();

        public bool IsOpen => !Connection.IsClosed && !Session.IsClosed;

        /// <summary>Request-response over a pair of links to <paramref name="node"/>, one request at a time.</summary>
        public async Task<Message?> RequestAsync(string node, string replyTo, Message request, TimeSpan timeout, CancellationToken cancellationToken)
        {
            await _requests.WaitAsync(cancellationToken);
            try
            {
                if (!_requestLinks.TryGetValue(node, out var links) || links.Sender.IsClosed || links.Receiver.IsClosed)
                {
                    var name = $"{node}-{Guid.NewGuid():N}";
                    var attached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    var receiver = new ReceiverLink(
                        Session,
                        $"{name}-reply",
                        new Attach { Source = new Source { Address = node }, Target = new Target { Address = replyTo } },
                        (_, attach) =>
                        {
                            if (attach.Source is null)
                            {
                                // A refused attach answers without a source, then detaches with the reason.
                                attached.TrySetException(new AmqpException(new Error(new Symbol(ErrorCode.NotFound)) { Description = $"{node} refused the attach" }));
                            }
                            else
                            {
                                attached.TrySetResult();
                            }
                        });
                    receiver.AddClosedCallback((_, error) => attached.TrySetException(new AmqpException(error ?? new Error(new Symbol(ErrorCode.NotFound)) { Description = $"{node} closed the link" })));
                    await attached.Task.WaitAsync(timeout, cancellationToken);
                    receiver.SetCredit(16, CreditMode.Auto);
                    links = (new SenderLink(Session, $"{name}-request", node), receiver);
                    _requestLinks[node] = links;
                }

                await links.Sender.SendAsync(request, timeout);
                var response = await links.Receiver.ReceiveAsync(timeout).WaitAsync(cancellationToken);
                if (response is not null)
                {
                    links.Receiver.Accept(response);
                }

                return response;
            }
            finally
            {
                _requests.Release();
            }
        }

        public async Task CloseAsync()
        {
            try
            {
                await Connection.CloseAsync(TimeSpan.FromSeconds(5), null);
            }
            catch (Exception exception) when (exception is AmqpException or ObjectDisposedException or IOException or TimeoutException)
            {
                // Already broken: nothing more to close.
            }
        }
    }

    private sealed class Delivery<T>(
        AmqpJobTransport transport,
        Link link,
        string address,
        Receiver receiver,
        ConcurrentBag<Receiver> pool,
        Message message,
        T job) : JobDelivery<T>(job, DeliveriesOf(message))
    {
        private int _settled;

        public override Task CompleteAsync(CancellationToken cancellationToken = default) =>
            Settle(() => receiver.Link.Accept(message));

        public override async Task AbandonAsync(TimeSpan delay, CancellationToken cancellationToken = default)
        {
            if (delay <= TimeSpan.Zero)
            {
                await Settle(() => receiver.Link.Release(message));
                return;
            }

            // AMQP has no delayed release: hold the message (still locked to us) for the delay, then hand it back
            // as a failed attempt, which counts as a delivery.
            await Task.Delay(delay, transport._time, cancellationToken);
            await Settle(() => receiver.Link.Modify(message, deliveryFailed: true, undeliverableHere: false));
        }

        public override Task DeadLetterAsync(string reason, CancellationToken cancellationToken = default) =>
            Settle(() => receiver.Link.Reject(message, DeadLetterError(reason)));

        public override async Task RenewAsync(TimeSpan visibility, CancellationToken cancellationToken = default)
        {
            if (Volatile.Read(ref _settled) == 0)
            {
                await transport.RenewLockAsync(link, address, message, cancellationToken);
            }
        }

        private Task Settle(Action outcome)
        {
            if (Interlocked.Exchange(ref _settled, 1) == 1)
            {
                throw new InvalidOperationException("The delivery was already settled.");
            }

            if (receiver.Link.IsClosed)
            {
                throw new AmqpException(receiver.Link.Error ?? new Error(new Symbol(ErrorCode.DetachForced)) { Description = "The receiving link closed; the broker will deliver the job again." });
            }

            outcome();
            pool.Add(receiver);
            return Task.CompletedTask;
        }
    }
}
