using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Serverless.Studio.Storage;

namespace Serverless.Functions.Health;

/// <summary>Blob storage answers and holds the studio's containers (read rights on a container are all it needs).</summary>
public sealed class BlobStorageCheck(BlobServiceClient blobs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var missing = new List<string>();
        foreach (var name in new[] { StudioContainers.Scripts, StudioContainers.Assets, StudioContainers.Renders })
        {
            if (!await blobs.GetBlobContainerClient(name).ExistsAsync(cancellationToken))
            {
                missing.Add(name);
            }
        }

        return missing.Count == 0
            ? HealthCheckResult.Healthy("containers present")
            : HealthCheckResult.Unhealthy($"missing containers: {string.Join(", ", missing)}");
    }
}
