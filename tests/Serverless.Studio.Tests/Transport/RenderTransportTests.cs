using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Contracts.Rendering;
using Serverless.Contracts.Transport;
using Serverless.Studio;

namespace Serverless.Studio.Tests.Transport;

/// <summary>
/// The function app sends render jobs on the transport <c>Transport:Kind</c> names, as the worker reads them: Storage
/// queues by default (the local stack), Service Bus over AMQP 1.0 in Azure. The AMQP path is checked end to end
/// against the local RabbitMQ with its AMQP 1.0 plugin (infra/local/dev.sh broker).
/// </summary>
public sealed class RenderTransportTests
{
    [Fact]
    public void The_storage_queue_is_the_default()
    {
        using var services = Build(new() { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" });

        Assert.IsType<StorageQueueJobTransport>(services.GetRequiredService<IJobTransport>());
    }

    [Fact]
    public async Task Service_bus_picks_the_amqp_transport_signed_in_with_the_identity()
    {
        await using var services = Build(new()
        {
            ["Storage:BlobServiceUri"] = "https://studioaccount.blob.core.windows.net/",
            ["Transport:Kind"] = "service-bus",
            ["Transport:ServiceBus:Endpoint"] = "amqps://studio.servicebus.windows.net",
        });

        Assert.IsType<AmqpJobTransport>(services.GetRequiredService<IJobTransport>());
        Assert.True(services.GetRequiredService<IOptions<AmqpTransportOptions>>().Value.UsesTokenCredential);
    }

    [Fact]
    public void A_wrong_transport_kind_is_refused_with_the_reason()
    {
        using var services = Build(new() { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true", ["Transport:Kind"] = "kafka" });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TransportOptions>>().Value);

        Assert.Contains("Transport:Kind must be storage-queue or service-bus", failure.Message, StringComparison.Ordinal);
    }

    [BrokerFact]
    public async Task A_render_job_sent_by_the_app_is_received_from_the_broker()
    {
        var queue = "render-" + Guid.NewGuid().ToString("N")[..12];
        await using var services = Build(new()
        {
            ["Storage:ConnectionString"] = "UseDevelopmentStorage=true",
            ["Transport:Kind"] = "service-bus",
            ["Transport:ServiceBus:Endpoint"] = Broker.Endpoint.ToString(),
            ["Transport:ServiceBus:KeyName"] = Broker.User,
            ["Transport:ServiceBus:Key"] = Broker.Password,
            ["Transport:ServiceBus:AddressPrefix"] = "/queue/",
            ["Transport:ServiceBus:OperationTimeout"] = "00:00:10",
        });
        var job = new RenderJob
        {
            JobId = "job-" + queue,
            UserId = "user-1",
            ProjectId = "project-1",
            OrchestrationInstanceId = "video-1",
            CompletionUrl = new Uri("https://studio.example/api/v1/complete"),
            Output = new RenderOutput { Width = 1080, Height = 1920 },
            Shots = [new RenderShot { Image = new BlobRef("assets", "shots/1.png"), Duration = 2.5 }],
            Destination = new BlobRef("renders", "video-1.mp4"),
        };

        await services.GetRequiredService<IJobTransport>().SendAsync(queue, job);

        // A receiver of its own, as the worker is: it must read what the app sent, field for field.
        await using var worker = new AmqpJobTransport(Options.Create(new AmqpTransportOptions
        {
            Endpoint = Broker.Endpoint,
            KeyName = Broker.User,
            Key = Broker.Password,
            AddressPrefix = "/queue/",
            OperationTimeout = TimeSpan.FromSeconds(10),
        }));
        var delivery = await worker.ReceiveAsync<RenderJob>(queue, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10));

        Assert.NotNull(delivery);
        Assert.Equal(job.JobId, delivery.Job.JobId);
        Assert.Equal(job.Destination, delivery.Job.Destination);
        Assert.Equal(2.5, Assert.Single(delivery.Job.Shots).Duration);
        await delivery.CompleteAsync();
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

/// <summary>
/// The local RabbitMQ with its AMQP 1.0 plugin. Tests that need it are skipped, saying why, when it is not running;
/// under dev.sh test (SERVERLESS_REQUIRE_BROKER=1) or CI they run, and fail if it is missing.
/// </summary>
internal static class Broker
{
    public const string Host = "127.0.0.1";
    public const int Port = 5672;
    public const string User = "guest";
    public const string Password = "guest";
    public static readonly Uri Endpoint = new($"amqp://{Host}:{Port}");

    public static string? SkipReason
    {
        get
        {
            var required = Environment.GetEnvironmentVariable("SERVERLESS_REQUIRE_BROKER") == "1" || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
            return required || Listening() ? null
                : $"No AMQP 1.0 broker at {Host}:{Port}: start one with infra/local/dev.sh broker (dev.sh test starts it and requires it).";
        }
    }

    private static bool Listening()
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(Host, Port).Wait(TimeSpan.FromSeconds(2)) && client.Connected;
        }
        catch (Exception exception) when (exception is SocketException or AggregateException)
        {
            return false;
        }
    }
}

[AttributeUsage(AttributeTargets.Method)]
internal sealed class BrokerFactAttribute : FactAttribute
{
    public BrokerFactAttribute() => Skip = Broker.SkipReason;
}
