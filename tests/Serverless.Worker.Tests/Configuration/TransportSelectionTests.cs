using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Serverless.Worker.Transport;

namespace Serverless.Worker.Tests.Configuration;

/// <summary>Transport:Kind picks the worker's job receiver, and a wrong setting stops the host at start.</summary>
public sealed class TransportSelectionTests
{
    [Fact]
    public async Task Service_bus_selects_the_processor_receiver_on_the_namespace_with_the_identity()
    {
        using var host = Build(new()
        {
            ["Transport:Kind"] = "service-bus",
            ["Transport:ServiceBus:FullyQualifiedNamespace"] = "example.servicebus.windows.net",
        });

        Assert.IsType<ServiceBusJobReceiver>(host.Services.GetRequiredService<IJobReceiver>());
        var client = host.Services.GetRequiredService<ServiceBusClient>();
        Assert.Equal("example.servicebus.windows.net", client.FullyQualifiedNamespace);
        await client.DisposeAsync();
    }

    [Fact]
    public async Task Service_bus_takes_a_connection_string_instead_of_the_identity()
    {
        using var host = Build(new()
        {
            ["Transport:Kind"] = "service-bus",
            ["Transport:ServiceBus:ConnectionString"] = "Endpoint=sb://keyed.servicebus.windows.net/;SharedAccessKeyName=worker;SharedAccessKey=bm90LWEta2V5",
        });

        var client = host.Services.GetRequiredService<ServiceBusClient>();
        Assert.Equal("keyed.servicebus.windows.net", client.FullyQualifiedNamespace);
        await client.DisposeAsync();
    }

    [Fact]
    public void The_storage_queue_is_the_default()
    {
        using var host = Build([]);

        Assert.IsType<StorageQueueJobReceiver>(host.Services.GetRequiredService<IJobReceiver>());
    }

    [Theory]
    [InlineData("Transport:Kind", "kafka", "Transport:Kind must be storage-queue or service-bus")]
    [InlineData("Transport:ServiceBus:FullyQualifiedNamespace", "", "needs exactly one of FullyQualifiedNamespace")]
    [InlineData("Transport:ServiceBus:FullyQualifiedNamespace", "sb://example.servicebus.windows.net", "a host name such as")]
    [InlineData("Transport:ServiceBus:MaxLockRenewal", "00:00:00", "MaxLockRenewal must be between")]
    public async Task A_wrong_transport_setting_stops_the_host_at_start_with_the_reason(string key, string value, string reason)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Transport:Kind"] = "service-bus",
            ["Transport:ServiceBus:FullyQualifiedNamespace"] = "example.servicebus.windows.net",
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
