using Azure.Messaging.ServiceBus;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;
using Serverless.Contracts;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Jobs;

namespace Serverless.Studio.Tests.Jobs;

/// <summary>
/// The function app sends render jobs on the transport <c>Transport:Kind</c> names, in the shape the worker reads:
/// Storage queues by default (Azurite, the local stack), Service Bus in Azure (no emulator here: its sender is mocked).
/// </summary>
public sealed class JobSenderTests
{
    private static readonly RenderJob Job = new()
    {
        JobId = "task-1-render",
        UserId = "user-1",
        ProjectId = "project-1",
        OrchestrationInstanceId = "video-1",
        Output = new RenderOutput { Width = 1080, Height = 1920 },
        Shots = [new RenderShot { Image = new BlobRef("assets", "user-1/project-1/shots/1.png"), Duration = 2.5 }],
        Subtitles = [new SubtitleCue(0.2, 2.0, "今天天气很好")],
        Destination = new BlobRef("renders", "user-1/project-1/task-1.mp4"),
    };

    [Fact]
    public void The_storage_queue_is_the_default()
    {
        using var services = Build(new() { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" });

        Assert.IsType<StorageQueueJobSender>(services.GetRequiredService<IJobSender>());
    }

    [Fact]
    public async Task Service_bus_picks_the_sender_on_the_namespace_signed_in_with_the_identity()
    {
        await using var services = Build(new()
        {
            ["Storage:BlobServiceUri"] = "https://studioaccount.blob.core.windows.net/",
            ["Storage:QueueServiceUri"] = "https://studioaccount.queue.core.windows.net/",
            ["Transport:Kind"] = "service-bus",
            ["Transport:ServiceBus:FullyQualifiedNamespace"] = "studio.servicebus.windows.net",
        });

        Assert.IsType<ServiceBusJobSender>(services.GetRequiredService<IJobSender>());
        Assert.Equal("studio.servicebus.windows.net", services.GetRequiredService<ServiceBusClient>().FullyQualifiedNamespace);
        // One client per app, from the Azure client factory.
        Assert.Same(services.GetRequiredService<QueueServiceClient>(), services.GetRequiredService<QueueServiceClient>());
    }

    [Theory]
    [InlineData("Transport:Kind", "kafka", "Transport:Kind must be storage-queue or service-bus")]
    [InlineData("Transport:ServiceBus:FullyQualifiedNamespace", "", "needs exactly one of FullyQualifiedNamespace")]
    public void A_wrong_transport_setting_is_refused_with_the_reason(string key, string value, string reason)
    {
        using var services = Build(new()
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Transport:Kind"] = "service-bus",
            ["Transport:ServiceBus:FullyQualifiedNamespace"] = "studio.servicebus.windows.net",
            [key] = value,
        });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TransportOptions>>().Value);

        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_bus_sender_sends_the_job_as_json_through_one_sender_per_queue()
    {
        var sent = new List<ServiceBusMessage>();
        var sender = new Mock<ServiceBusSender>();
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Callback((ServiceBusMessage message, CancellationToken _) => sent.Add(message))
            .Returns(Task.CompletedTask);
        var client = new Mock<ServiceBusClient>();
        client.Setup(c => c.CreateSender(Queues.RenderJobs)).Returns(sender.Object);
        await using var jobs = new ServiceBusJobSender(client.Object);

        await jobs.SendAsync(Queues.RenderJobs, Job);
        await jobs.SendAsync(Queues.RenderJobs, Job with { JobId = "task-2-render" });

        client.Verify(c => c.CreateSender(Queues.RenderJobs), Times.Once);
        Assert.Equal(2, sent.Count);
        Assert.Equal("application/json", sent[0].ContentType);
        var received = sent[0].Body.ToObjectFromJson<RenderJob>(JobJson.Options)!;
        Assert.Equal(Job.JobId, received.JobId);
        Assert.Equal(Job.Destination, received.Destination);
        Assert.Equal("今天天气很好", Assert.Single(received.Subtitles).Text);
        Assert.Equal("task-2-render", sent[1].Body.ToObjectFromJson<RenderJob>(JobJson.Options)!.JobId);
    }

    [Fact]
    public async Task The_storage_queue_sender_puts_the_job_base64_encoded_on_the_queue_as_the_worker_reads_it()
    {
        var queue = "render-" + Guid.NewGuid().ToString("N")[..12];
        await using var services = Build(new() { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" });
        var queues = services.GetRequiredService<QueueServiceClient>();
        try
        {
            await services.GetRequiredService<IJobSender>().SendAsync(queue, Job);

            var raw = Assert.Single((await new QueueClient("UseDevelopmentStorage=true", queue).PeekMessagesAsync()).Value);
            Assert.False(raw.Body.ToString().StartsWith('{'), "the message is base64, as the worker and the Functions queue trigger read it");
            var message = Assert.Single((await queues.GetQueueClient(queue).ReceiveMessagesAsync(maxMessages: 10)).Value);
            Assert.Equal(Job.JobId, message.Body.ToObjectFromJson<RenderJob>(JobJson.Options)!.JobId);
        }
        finally
        {
            await queues.GetQueueClient(queue).DeleteIfExistsAsync();
        }
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddStudio(configuration);
        return services.BuildServiceProvider();
    }
}
