using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Serverless.Functions.Health;

public sealed class ReadinessOptions
{
    public const string Section = "Readiness";

    /// <summary>
    /// How long one answer of the checks is reused. The page is anonymous and each check calls a backing service, so
    /// without this anyone could turn each of their requests into several calls of ours.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>The last readiness report, reused for <see cref="ReadinessOptions.CacheFor"/>; callers arriving together wait for one run.</summary>
public sealed class CachedReadiness(HealthCheckService health, IOptions<ReadinessOptions> options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _running = new(1, 1);
    private (HealthReport Report, DateTimeOffset At)? _last;

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } fresh)
        {
            return fresh;
        }

        await _running.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } meanwhile)
            {
                return meanwhile;
            }

            // Not the caller's token: one caller hanging up must not fail the run others wait for.
            var report = await health.CheckHealthAsync(CancellationToken.None);
            _last = (report, time.GetUtcNow());
            return report;
        }
        finally
        {
            _running.Release();
        }
    }

    public void Dispose() => _running.Dispose();

    private HealthReport? Fresh() =>
        _last is { } last && time.GetUtcNow() - last.At < options.Value.CacheFor ? last.Report : null;
}

public static class ReadinessEndpoints
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The dependencies a request needs: blob storage, the Cosmos database, the durable task hub.</summary>
    public static IServiceCollection AddReadiness(this IServiceCollection services)
    {
        services.AddOptions<ReadinessOptions>().BindConfiguration(ReadinessOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CachedReadiness>();
        services.AddHealthChecks()
            .AddCheck<BlobStorageCheck>("blob_storage", timeout: CheckTimeout)
            .AddCheck<CosmosDatabaseCheck>("cosmos", timeout: CheckTimeout)
            .AddCheck<TaskHubCheck>("task_hub", timeout: CheckTimeout);
        return services;
    }
}
