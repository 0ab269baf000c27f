using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using Serverless.Contracts.Transport;

namespace Serverless.Worker.Storage;

/// <summary>
/// Builds the worker's storage clients from <see cref="WorkerStorageOptions"/> (identity) or <c>ConnectionStrings:Storage</c>
/// (key). A worker outside Development with neither would otherwise talk to an Azurite that is not there, or worse
/// look healthy while every job fails, so it refuses to start instead (<see cref="StorageSettingsCheck"/>).
/// </summary>
public sealed class StorageAccount(IOptions<WorkerStorageOptions> options, IConfiguration configuration, IHostEnvironment environment)
{
    public const string ConnectionName = "Storage";
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    private readonly Lazy<TokenCredential> _credential = new(() => new DefaultAzureCredential());

    public BlobServiceClient CreateBlobs() =>
        options.Value.BlobServiceUri is { } uri
            ? new BlobServiceClient(uri, _credential.Value)
            : new BlobServiceClient(ConnectionString());

    /// <summary>Base64 like the function app's sender: StorageQueueJobTransport leaves the encoding to the client.</summary>
    public QueueServiceClient CreateQueues()
    {
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        if (options.Value.BlobServiceUri is not null)
        {
            var uri = options.Value.QueueServiceUri ?? throw new InvalidOperationException(StorageSettingsCheck.MissingQueueUri);
            return new QueueServiceClient(uri, _credential.Value, queueOptions);
        }

        return new QueueServiceClient(ConnectionString(), queueOptions);
    }

    private string ConnectionString() =>
        configuration.GetConnectionString(ConnectionName) is { Length: > 0 } connection ? connection
            : environment.IsDevelopment() ? DevelopmentStorage
            : throw new InvalidOperationException(StorageSettingsCheck.NothingConfigured(environment.EnvironmentName));
}

/// <summary>Stops the host at start when the storage settings cannot work, saying which settings to add.</summary>
public sealed class StorageSettingsCheck(IConfiguration configuration, IHostEnvironment environment) : IValidateOptions<WorkerStorageOptions>
{
    public const string MissingQueueUri =
        "Storage:QueueServiceUri is required with Storage:BlobServiceUri when jobs come over Storage queues (Transport:Kind storage-queue).";

    public static string NothingConfigured(string environmentName) =>
        $"No storage account is configured for the '{environmentName}' environment: set Storage:BlobServiceUri (managed identity; "
        + "Storage__BlobServiceUri as an environment variable) or ConnectionStrings:Storage. Azurite (development storage) is used only in Development.";

    public ValidateOptionsResult Validate(string? name, WorkerStorageOptions options)
    {
        if (options.BlobServiceUri is not null)
        {
            var storageQueues = configuration[$"{TransportOptions.Section}:{nameof(TransportOptions.Kind)}"] is null or TransportOptions.StorageQueue;
            return storageQueues && options.QueueServiceUri is null ? ValidateOptionsResult.Fail(MissingQueueUri) : ValidateOptionsResult.Success;
        }

        return string.IsNullOrEmpty(configuration.GetConnectionString(StorageAccount.ConnectionName)) && !environment.IsDevelopment()
            ? ValidateOptionsResult.Fail(NothingConfigured(environment.EnvironmentName))
            : ValidateOptionsResult.Success;
    }
}
