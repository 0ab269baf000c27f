namespace Serverless.Functions.Health;

public static class ReadinessEndpoints
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The dependencies a request needs: blob storage, the Cosmos database, the durable task hub.</summary>
    public static IServiceCollection AddReadiness(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<BlobStorageCheck>("blob_storage", timeout: CheckTimeout)
            .AddCheck<CosmosDatabaseCheck>("cosmos", timeout: CheckTimeout)
            .AddCheck<TaskHubCheck>("task_hub", timeout: CheckTimeout);
        return services;
    }
}
