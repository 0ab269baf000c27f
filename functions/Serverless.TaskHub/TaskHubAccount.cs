using Azure.Core;
using DurableTask.AzureStorage;

namespace Serverless.TaskHub;

/// <summary>How the task hub reaches its storage account: a connection string (Azurite, tests) or the service URIs and an identity (Azure).</summary>
public sealed record TaskHubAccount(string? ConnectionString, Uri? BlobServiceUri, Uri? QueueServiceUri, Uri? TableServiceUri, TokenCredential? Credential)
{
    public static TaskHubAccount FromConnectionString(string connectionString) => new(connectionString, null, null, null, null);

    internal StorageAccountClientProvider ClientProvider() =>
        !string.IsNullOrEmpty(ConnectionString)
            ? new StorageAccountClientProvider(ConnectionString)
            : new StorageAccountClientProvider(
                BlobServiceUri ?? throw new InvalidOperationException("The task hub needs Storage:BlobServiceUri or a connection string."),
                QueueServiceUri ?? throw new InvalidOperationException("The task hub needs Storage:QueueServiceUri or a connection string."),
                TableServiceUri ?? throw new InvalidOperationException("The task hub needs Storage:TableServiceUri or a connection string."),
                Credential ?? throw new InvalidOperationException("The task hub needs a credential with the service URIs."));
}
