using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Hosting;

namespace Serverless.Functions.LocalRunner;

/// <summary>
/// The queue trigger without the Functions host: reads the function's storage queue and invokes the function with
/// each message, as the host does with this app's <c>host.json</c> (Base64 messages, decoded by the app's queue client; one at a time, a failed
/// message visible again at once, and after <see cref="MaxDequeueCount"/> failed deliveries moved to
/// <c>{queue}-poison</c>). The queue name may be a <c>%setting%</c>, read from configuration like the host does.
/// </summary>
public sealed class QueueTriggerFeed(
    FunctionDescriptor function,
    QueueServiceClient queues,
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<QueueTriggerFeed> logger) : BackgroundService
{
    /// <summary>Deliveries before a message is poison (<c>host.json</c> <c>extensions.queues.maxDequeueCount</c>).</summary>
    public const int MaxDequeueCount = 5;

    /// <summary>How long a message stays hidden while the function runs.</summary>
    public static readonly TimeSpan Visibility = TimeSpan.FromMinutes(5);

    // Results finish videos: an idle queue is polled at least twice a second (host.json's maxPollingInterval in Azure).
    private static readonly TimeSpan MaxPollInterval = TimeSpan.FromMilliseconds(500);

    public string QueueName { get; } = ResolveQueueName(function, configuration);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = queues.GetQueueClient(QueueName);
        var poison = queues.GetQueueClient(QueueName + "-poison");
        var idle = TimeSpan.FromMilliseconds(100);
        logger.LogInformation("Feeding queue {Queue} to function {Function}", QueueName, function.Name);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                var received = await queue.ReceiveMessagesAsync(maxMessages: 1, Visibility, stoppingToken);
                if (received.Value.Length == 0)
                {
                    await Task.Delay(idle, time, stoppingToken);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, MaxPollInterval.Ticks));
                    continue;
                }

                idle = TimeSpan.FromMilliseconds(100);
                foreach (var message in received.Value)
                {
                    await DeliverAsync(queue, poison, message, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException e)
            {
                logger.LogWarning(e, "Reading queue {Queue} failed; trying again shortly", QueueName);
                await Task.Delay(MaxPollInterval, time, stoppingToken);
            }
        }
    }

    private async Task DeliverAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await FunctionInvoker.InvokeAsync(function, scope.ServiceProvider, Input(message), cancellationToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (message.DequeueCount >= MaxDequeueCount)
            {
                logger.LogError(e, "Function {Function} failed on message {MessageId} {Count} times; moving it to {Queue}-poison", function.Name, message.MessageId, message.DequeueCount, QueueName);
                await poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                await poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            }
            else
            {
                logger.LogWarning(e, "Function {Function} failed on message {MessageId} (delivery {Count}); it will be delivered again", function.Name, message.MessageId, message.DequeueCount);
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
            }
        }
    }

    private FunctionInput Input(QueueMessage message)
    {
        var parameterType = function.TriggerParameter?.ParameterType;
        object trigger = parameterType == typeof(QueueMessage) ? message : message.Body;
        return new FunctionInput(trigger, new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Id"] = message.MessageId,
            ["DequeueCount"] = message.DequeueCount,
            ["PopReceipt"] = message.PopReceipt,
            ["InsertionTime"] = message.InsertedOn,
            ["ExpirationTime"] = message.ExpiresOn,
            ["NextVisibleTime"] = message.NextVisibleOn,
        });
    }

    private static string ResolveQueueName(FunctionDescriptor function, IConfiguration configuration)
    {
        var name = (function.Trigger as QueueTriggerAttribute)?.QueueName
            ?? throw new InvalidOperationException($"Function {function.Name} has no queue trigger.");
        return name is ['%', .. var setting, '%']
            ? configuration[setting] ?? throw new InvalidOperationException($"Function {function.Name}: setting '{setting}' (its queue name) is not set.")
            : name;
    }
}

public static class QueueTriggerFeedExtensions
{
    /// <summary>One <see cref="QueueTriggerFeed"/> per queue-triggered function of <paramref name="catalog"/>.</summary>
    public static IServiceCollection AddQueueTriggerFeeds(this IServiceCollection services, FunctionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        foreach (var function in catalog.Functions.Where(f => f.Trigger is QueueTriggerAttribute))
        {
            FunctionInvoker.CheckBindable(function);
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueTriggerFeed>(sp, function));
        }

        return services;
    }
}
