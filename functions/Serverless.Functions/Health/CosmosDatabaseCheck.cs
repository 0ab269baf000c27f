using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Serverless.Studio.Storage;

namespace Serverless.Functions.Health;

/// <summary>The studio's Cosmos database exists and answers a read.</summary>
public sealed class CosmosDatabaseCheck(CosmosClient client, IOptions<CosmosOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var name = options.Value.Database;
        try
        {
            await client.GetDatabase(name).ReadAsync(cancellationToken: cancellationToken);
            return HealthCheckResult.Healthy($"database '{name}' reachable");
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return HealthCheckResult.Unhealthy($"database '{name}' does not exist");
        }
    }
}
