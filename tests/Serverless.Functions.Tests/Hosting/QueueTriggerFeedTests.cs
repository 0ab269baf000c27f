using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serverless.Functions.Hosting;
using Serverless.Functions.LocalRunner;

namespace Serverless.Functions.Tests.Hosting;

/// <summary>The local runner feeds a storage queue to a queue-triggered function as the host would, poison queue included.</summary>
public sealed class QueueTriggerFeedTests
{
    [Fact]
    public async Task Messages_reach_the_function_and_one_failing_five_times_goes_to_the_poison_queue()
    {
        var queueName = "probe-" + Guid.NewGuid().ToString("N")[..12];
        var queues = new QueueServiceClient(LocalStack.StorageConnectionString);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Probe:Queue"] = queueName });
        builder.Services.AddSingleton(queues);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ProbeLog>();
        builder.Services.AddQueueTriggerFeeds(new FunctionCatalog([typeof(QueueProbeFunctions).Assembly]));
        using var host = builder.Build();
        var log = host.Services.GetRequiredService<ProbeLog>();
        try
        {
            await queues.GetQueueClient(queueName).CreateIfNotExistsAsync();
            await queues.GetQueueClient(queueName).SendMessageAsync("hello");
            await queues.GetQueueClient(queueName).SendMessageAsync("fail: always");
            await host.StartAsync();

            var poison = queues.GetQueueClient(queueName + "-poison");
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline && !(await poison.ExistsAsync() && (await poison.PeekMessagesAsync(1)).Value.Length == 1))
            {
                await Task.Delay(200);
            }

            Assert.Equal(["hello"], log.Handled);
            Assert.Equal([1L, 2L, 3L, 4L, 5L], log.FailedDeliveries.Order());
            Assert.Equal("fail: always", Assert.Single((await poison.PeekMessagesAsync(10)).Value).MessageText);
            Assert.Empty((await queues.GetQueueClient(queueName).PeekMessagesAsync(10)).Value);
        }
        finally
        {
            await host.StopAsync();
            await queues.GetQueueClient(queueName).DeleteIfExistsAsync();
            await queues.GetQueueClient(queueName + "-poison").DeleteIfExistsAsync();
        }
    }
}

public sealed class ProbeLog
{
    public ConcurrentQueue<string> Handled { get; } = new();

    public ConcurrentBag<long> FailedDeliveries { get; } = [];
}

/// <summary>A test-only queue-triggered function, declared as the app's would be.</summary>
public sealed class QueueProbeFunctions(ProbeLog log)
{
    [Function("QueueProbe")]
    public Task RunAsync([QueueTrigger("%Probe:Queue%")] string message, long dequeueCount)
    {
        if (message.StartsWith("fail", StringComparison.Ordinal))
        {
            log.FailedDeliveries.Add(dequeueCount);
            throw new InvalidOperationException("the probe fails this message on purpose");
        }

        log.Handled.Enqueue(message);
        return Task.CompletedTask;
    }
}
