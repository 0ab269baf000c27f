using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace Serverless.Worker.Storage;

/// <summary>
/// Builds the worker's storage clients from <see cref="WorkerStorageOptions"/> (identity) or <c>ConnectionStrings:Storage</c>
/// (key), for the Azure client factory (<c>AddAzureClients</c>) that registers each client once. A worker outside Development with neither would otherwise talk to an Azurite that is not there, or worse
/// look healthy while every job fails, so it refuses to start instead (<see cref="StorageSettingsCheck"/>).
/// </summary>
public sealed class StorageAccount(IOptions<WorkerStorageOptions> options, IConfiguration configuration, IHostEnvironment environment)
{
    public const string ConnectionName = "Storage";
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    public BlobServiceClient CreateBlobs(BlobClientOptions clientOptions, TokenCredential credential) =>
        options.Value.BlobServiceUri is { } uri
            ? new BlobServiceClient(uri, credential, clientOptions)
            : new BlobServiceClient(ConnectionString(), clientOptions);

    /// <summary>Base64 like the function app's sender and the Functions queue trigger: the receivers leave the encoding to the client.</summary>
    public QueueServiceClient CreateQueues(QueueClientOptions clientOptions, TokenCredential credential)
    {
        clientOptions.MessageEncoding = QueueMessageEncoding.Base64;
        if (options.Value.BlobServiceUri is not null)
        {
            var uri = options.Value.QueueServiceUri ?? throw new InvalidOperationException(StorageSettingsCheck.MissingQueueUri);
            return new QueueServiceClient(uri, credential, clientOptions);
        }

        return new QueueServiceClient(ConnectionString(), clientOptions);
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
        "Storage:QueueServiceUri is required with Storage:BlobServiceUri: results go back on the render-results storage queue (and jobs come over Storage queues with Transport:Kind storage-queue).";

    public static string NothingConfigured(string environmentName) =>
        $"No storage account is configured for the '{environmentName}' environment: set Storage:BlobServiceUri (managed identity; "
        + "Storage__BlobServiceUri as an environment variable) or ConnectionStrings:Storage. Azurite (development storage) is used only in Development.";

    public ValidateOptionsResult Validate(string? name, WorkerStorageOptions options)
    {
        if (options.BlobServiceUri is not null)
        {
            return options.QueueServiceUri is null ? ValidateOptionsResult.Fail(MissingQueueUri) : ValidateOptionsResult.Success;
        }

        return string.IsNullOrEmpty(configuration.GetConnectionString(StorageAccount.ConnectionName)) && !environment.IsDevelopment()
            ? ValidateOptionsResult.Fail(NothingConfigured(environment.EnvironmentName))
            : ValidateOptionsResult.Success;
    }
}
