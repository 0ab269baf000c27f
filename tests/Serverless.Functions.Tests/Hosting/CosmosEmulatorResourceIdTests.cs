using System.Security.Cryptography;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Functions.Tests.Hosting;

/// <summary>
/// The local Cosmos emulator wrote resource ids as plain base64, so one holding '/' (one database in every 64 a run
/// makes) reached it as '-' in the request path and was not found: every query there failed, and whichever test met
/// that database failed with it. infra/local/patches writes them as Azure Cosmos DB does.
/// </summary>
public sealed class CosmosEmulatorResourceIdTests(StudioAppFactory app) : IClassFixture<StudioAppFactory>
{
    // Consecutive databases: one of any 64 has a '/' in its id.
    private const int Databases = 64;

    [Fact]
    public async Task A_query_answers_in_every_database_whatever_its_resource_id_holds()
    {
        var client = app.Services.GetRequiredService<CosmosClient>();
        var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var ids = new List<string>();
        try
        {
            for (var i = 0; i < Databases; i++)
            {
                Database database = await client.CreateDatabaseAsync($"rid{run}{i:00}");
                ids.Add(database.Id);
                Container container = await database.CreateContainerAsync("items", "/pk");
                await container.UpsertItemAsync(new { id = "one", pk = "p" }, new PartitionKey("p"));
                // The emulator serves only queries whose filter names the partition key.
                var query = container.GetItemQueryIterator<object>(
                    new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk").WithParameter("@pk", "p"), requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey("p") });
                var found = 0;
                while (query.HasMoreResults)
                {
                    found += (await query.ReadNextAsync()).Count;
                }

                Assert.True(found == 1, $"database {database.Id} (resource id {(await database.ReadAsync()).Resource.SelfLink}) answered {found} items");
            }
        }
        finally
        {
            foreach (var id in ids)
            {
                await client.GetDatabase(id).DeleteAsync();
            }
        }
    }
}
