using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace Serverless.Studio.Storage;

/// <summary>
/// The studio's Cosmos database: hands out containers, and with a key (the local emulator, a keyed account) creates
/// the database and its containers once. Signed in as an identity, which has data-plane rights only in Azure, it
/// creates nothing: the Bicep template declares the same containers (<see cref="StudioContainers.Documents"/>).
/// </summary>
public sealed class StudioDatabase(CosmosClient client, IOptions<CosmosOptions> options)
{
    private readonly Lazy<Task<Database>> _database = new(() => string.IsNullOrEmpty(options.Value.Key)
        ? Task.FromResult(client.GetDatabase(options.Value.Database))
        : CreateAsync(client, options.Value.Database));

    private static async Task<Database> CreateAsync(CosmosClient client, string database)
    {
        var response = await client.CreateDatabaseIfNotExistsAsync(database);
        foreach (var (name, partitionKey) in StudioContainers.Documents)
        {
            // TTL on with no default (-1): only items that carry their own ttl (webhook deliveries) ever expire.
            await response.Database.CreateContainerIfNotExistsAsync(new ContainerProperties(name, partitionKey) { DefaultTimeToLive = -1 });
        }

        return response.Database;
    }

    public async Task<Container> ContainerAsync(string name) => (await _database.Value).GetContainer(name);

    public Task EnsureCreatedAsync() => _database.Value;

    public static CosmosClient CreateClient(CosmosOptions options)
    {
        var clientOptions = new CosmosClientOptions
        {
            ConnectionMode = ConnectionMode.Gateway,
            LimitToEndpoint = true,
            UseSystemTextJsonSerializerWithOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web),
        };

        var endpoint = options.Endpoint ?? throw new InvalidOperationException("Cosmos:Endpoint is not set.");
        if (options.AcceptLocalEmulatorCertificate && endpoint.IsLoopback)
        {
            // The local emulator serves a self-signed certificate; this is never honoured for a remote endpoint. It is
            // also one single-threaded process that every local host and test shares: under a full test run a request
            // can wait past the SDK's 6 s default, which would surface as a spurious 503.
            clientOptions.RequestTimeout = TimeSpan.FromSeconds(30);
            clientOptions.HttpClientFactory = () => new HttpClient(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            });
        }

        return string.IsNullOrEmpty(options.Key)
            ? new CosmosClient(endpoint.ToString(), new Azure.Identity.DefaultAzureCredential(), clientOptions)
            : new CosmosClient(endpoint.ToString(), options.Key, clientOptions);
    }
}
