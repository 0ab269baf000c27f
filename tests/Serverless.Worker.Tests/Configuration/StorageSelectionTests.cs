using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Serverless.Worker.Transport;

namespace Serverless.Worker.Tests.Configuration;

/// <summary>
/// Where the worker's storage comes from: the blob endpoint with the managed identity in Azure, a connection string
/// otherwise, Azurite only in Development; with none of these outside Development it refuses to start.
/// </summary>
public sealed class StorageSelectionTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Without_storage_settings_outside_development_the_worker_refuses_to_start(string environment)
    {
        using var host = Build(environment, []);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains($"No storage account is configured for the '{environment}' environment", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:BlobServiceUri", failure.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Storage", failure.Message, StringComparison.Ordinal);
        // The clients refuse too, so nothing resolved before start can reach for Azurite either.
        var resolve = Assert.ThrowsAny<Exception>(() => host.Services.GetRequiredService<BlobServiceClient>());
        Assert.Contains("Azurite (development storage) is used only in Development", resolve.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void In_development_without_settings_the_worker_uses_azurite()
    {
        using var host = Build("Development", []);

        var blobs = host.Services.GetRequiredService<BlobServiceClient>();

        Assert.Equal("devstoreaccount1", blobs.AccountName);
        Assert.Equal(10000, blobs.Uri.Port);
    }

    [Fact]
    public void The_blob_endpoint_is_used_with_the_identity_and_the_service_bus_transport()
    {
        using var host = Build("Production", new()
        {
            ["Storage:BlobServiceUri"] = "https://studioaccount.blob.core.windows.net/",
            ["Storage:QueueServiceUri"] = "https://studioaccount.queue.core.windows.net/",
            ["Transport:Kind"] = "service-bus",
            ["Transport:ServiceBus:FullyQualifiedNamespace"] = "studio.servicebus.windows.net",
        });

        var blobs = host.Services.GetRequiredService<BlobServiceClient>();

        Assert.Equal(new Uri("https://studioaccount.blob.core.windows.net/"), blobs.Uri);
        Assert.False(blobs.CanGenerateAccountSasUri, "A key-based client was built where the identity was configured.");
        Assert.IsType<ServiceBusJobReceiver>(host.Services.GetRequiredService<IJobReceiver>());
        Assert.Equal(new Uri("https://studioaccount.queue.core.windows.net/"), host.Services.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>().Uri);
        // Reading the options runs their validation.
        Assert.NotNull(host.Services.GetRequiredService<IOptions<Storage.WorkerStorageOptions>>().Value.BlobServiceUri);
    }

    [Fact]
    public async Task The_blob_endpoint_without_a_queue_endpoint_cannot_carry_results_whatever_brings_the_jobs()
    {
        using var host = Build("Production", new()
        {
            ["Storage:BlobServiceUri"] = "https://studioaccount.blob.core.windows.net/",
            ["Transport:Kind"] = "service-bus",
            ["Transport:ServiceBus:FullyQualifiedNamespace"] = "studio.servicebus.windows.net",
        });

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains("Storage:QueueServiceUri is required", failure.Message, StringComparison.Ordinal);
    }

    private static IHost Build(string environment, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddRenderWorker();
        return builder.Build();
    }
}
