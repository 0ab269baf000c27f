using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Serverless.Contracts.Transport;

namespace Serverless.Worker.Tests.Configuration;

/// <summary>Transport:Kind picks the worker's queue client, and a wrong setting stops the host at start.</summary>
public sealed class TransportSelectionTests
{
    [Fact]
    public void Service_bus_selects_the_amqp_transport_with_its_settings()
    {
        using var host = Build(new()
        {
            ["Transport:Kind"] = "service-bus",
            ["Transport:ServiceBus:Endpoint"] = "amqps://example.servicebus.windows.net",
            ["Transport:ServiceBus:KeyName"] = "worker",
            ["Transport:ServiceBus:Key"] = "not-a-real-key",
        });

        Assert.IsType<AmqpJobTransport>(host.Services.GetRequiredService<IJobTransport>());
    }

    [Fact]
    public void The_storage_queue_is_the_default()
    {
        using var host = Build([]);

        Assert.IsType<StorageQueueJobTransport>(host.Services.GetRequiredService<IJobTransport>());
    }

    [Theory]
    [InlineData("Transport:Kind", "kafka", "Transport:Kind must be storage-queue or service-bus")]
    [InlineData("Transport:ServiceBus:Endpoint", "https://example.servicebus.windows.net", "amqp:// or amqps://")]
    [InlineData("Transport:ServiceBus:Key", "", "KeyName and Key go together")]
    public async Task A_wrong_transport_setting_stops_the_host_at_start_with_the_reason(string key, string value, string reason)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Transport:Kind"] = "service-bus",
            ["Transport:ServiceBus:Endpoint"] = "amqp://127.0.0.1:5672",
            ["Transport:ServiceBus:KeyName"] = "worker",
            ["Transport:ServiceBus:Key"] = "secret",
            [key] = value,
        };
        using var host = Build(settings);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(reason, failure.Message);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Storage"] = "UseDevelopmentStorage=true" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddRenderWorker();
        return builder.Build();
    }
}
