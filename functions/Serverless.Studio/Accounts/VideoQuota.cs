using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Accounts;

/// <summary>Videos started by one user in one calendar month (container <c>usage</c>, partitioned by <c>/userId</c>).</summary>
public sealed record MonthlyUsage
{
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public required int Videos { get; init; }
}

/// <summary>Where a user stands against their plan's monthly video quota.</summary>
public sealed record QuotaStatus(string Plan, int? VideosPerMonth, int VideosThisMonth, DateTimeOffset ResetsAt);

/// <summary>The user's plan allows no more videos this month.</summary>
public sealed class QuotaExceededException(QuotaStatus status)
    : Exception($"The {status.Plan} plan allows {status.VideosPerMonth} videos a month; the quota resets at {status.ResetsAt:O}.")
{
    public QuotaStatus Status { get; } = status;
}

/// <summary>
/// Counts videos against plan quotas. Every way of starting a video takes a unit here first; the counter is
/// advanced under its ETag, so concurrent starts can never overshoot the quota.
/// </summary>
public sealed class VideoQuota(
    StudioDatabase database,
    AccountStore accounts,
    IOptions<AccountOptions> options,
    TimeProvider time,
    ILogger<VideoQuota> logger)
{
    private const int MaxAttempts = 10;

    /// <summary>Takes one video from the user's quota, or throws <see cref="QuotaExceededException"/>.</summary>
    public async Task<QuotaStatus> ConsumeAsync(string userId, CancellationToken cancellationToken = default)
    {
        var plan = await PlanOfAsync(userId, cancellationToken);
        var limit = options.Value.Plan(plan).VideosPerMonth;
        var (month, resetsAt) = Month();
        var container = await database.ContainerAsync(StudioContainers.Usage);
        var id = UsageId(month);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            await EntityTags.BackOffAsync(attempt, cancellationToken);
            var (usage, etag) = await ReadAsync(container, id, userId, cancellationToken);
            var used = usage?.Videos ?? 0;
            if (limit is { } max && used >= max)
            {
                logger.LogInformation("Video quota of {UserId} exhausted: {Used} of {Limit} on plan {Plan}", userId, used, max, plan);
                throw new QuotaExceededException(new QuotaStatus(plan, limit, used, resetsAt));
            }

            var next = new MonthlyUsage { Id = id, UserId = userId, Videos = used + 1 };
            try
            {
                if (etag is null)
                {
                    await container.CreateItemAsync(next, new PartitionKey(userId), cancellationToken: cancellationToken);
                }
                else
                {
                    await container.ReplaceItemAsync(next, id, new PartitionKey(userId), new ItemRequestOptions { IfMatchEtag = etag }, cancellationToken);
                }

                return new QuotaStatus(plan, limit, next.Videos, resetsAt);
            }
            catch (CosmosException e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
            {
                // Another start of this user's moved the counter first: read it again.
            }
        }

        throw new InvalidOperationException($"The video quota of {userId} is too contended to update; try again.");
    }

    /// <summary>The user's standing this month, without taking anything.</summary>
    public async Task<QuotaStatus> GetAsync(string userId, CancellationToken cancellationToken = default)
    {
        var plan = await PlanOfAsync(userId, cancellationToken);
        var (month, resetsAt) = Month();
        var container = await database.ContainerAsync(StudioContainers.Usage);
        var (usage, _) = await ReadAsync(container, UsageId(month), userId, cancellationToken);
        return new QuotaStatus(plan, options.Value.Plan(plan).VideosPerMonth, usage?.Videos ?? 0, resetsAt);
    }

    private async Task<string> PlanOfAsync(string userId, CancellationToken cancellationToken) =>
        (await accounts.FindAsync(userId, cancellationToken))?.Plan ?? options.Value.UnregisteredPlan;

    private (DateTimeOffset Month, DateTimeOffset ResetsAt) Month()
    {
        var now = time.GetUtcNow();
        var month = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return (month, month.AddMonths(1));
    }

    private static string UsageId(DateTimeOffset month) => $"videos-{month:yyyy-MM}";

    private static async Task<(MonthlyUsage? Usage, string? ETag)> ReadAsync(Container container, string id, string userId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await container.ReadItemAsync<MonthlyUsage>(id, new PartitionKey(userId), cancellationToken: cancellationToken);
            return (response.Resource, response.ETag);
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return (null, null);
        }
    }
}
