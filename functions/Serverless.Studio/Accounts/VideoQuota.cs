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

    /// <summary>Billed units of work apart from videos (<see cref="PlanOptions.UnitsPerMonth"/>); absent on older records.</summary>
    public int Units { get; init; }
}

/// <summary>Where a user stands against their plan's monthly video quota.</summary>
public sealed record QuotaStatus(
    string Plan, int? VideosPerMonth, int VideosThisMonth, DateTimeOffset ResetsAt, int? UnitsPerMonth = null, int UnitsThisMonth = 0);

/// <summary>The user's plan allows no more videos, or no more billed units of work, this month.</summary>
public sealed class QuotaExceededException(QuotaStatus status, string message) : Exception(message)
{
    public QuotaExceededException(QuotaStatus status)
        : this(status, $"The {status.Plan} plan allows {status.VideosPerMonth} videos a month; the quota resets at {status.ResetsAt:O}.")
    {
    }

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
    public Task<QuotaStatus> ConsumeAsync(string userId, CancellationToken cancellationToken = default) =>
        TakeAsync(userId, videos: 1, units: 0, cancellationToken);

    /// <summary>
    /// Takes <paramref name="units"/> billed units (shots drawn, lines recorded, storyboards planned) from the user's
    /// monthly allowance, or throws <see cref="QuotaExceededException"/> taking nothing: the work is metered before it
    /// starts, so a refused request never reaches a paid provider.
    /// </summary>
    public Task<QuotaStatus> ConsumeUnitsAsync(string userId, int units, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(units);
        return TakeAsync(userId, videos: 0, units, cancellationToken);
    }

    private async Task<QuotaStatus> TakeAsync(string userId, int videos, int units, CancellationToken cancellationToken)
    {
        var plan = await PlanOfAsync(userId, cancellationToken);
        var planOptions = options.Value.Plan(plan);
        var (videoLimit, unitLimit) = (planOptions.VideosPerMonth, planOptions.UnitsPerMonth);
        var (month, resetsAt) = Month();
        var container = await database.ContainerAsync(StudioContainers.Usage);
        var id = UsageId(month);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            await EntityTags.BackOffAsync(attempt, cancellationToken);
            var (usage, etag) = await UsageDocument.ReadAsync<MonthlyUsage>(container, id, userId, cancellationToken);
            var (usedVideos, usedUnits) = (usage?.Videos ?? 0, usage?.Units ?? 0);
            var standing = new QuotaStatus(plan, videoLimit, usedVideos, resetsAt, unitLimit, usedUnits);
            if (videos > 0 && videoLimit is { } maxVideos && usedVideos + videos > maxVideos)
            {
                logger.LogInformation("Video quota of {UserId} exhausted: {Used} of {Limit} on plan {Plan}", userId, usedVideos, maxVideos, plan);
                throw new QuotaExceededException(standing);
            }

            if (units > 0 && unitLimit is { } maxUnits && usedUnits + units > maxUnits)
            {
                logger.LogInformation("Unit quota of {UserId} exhausted: {Used} + {Asked} over {Limit} on plan {Plan}", userId, usedUnits, units, maxUnits, plan);
                throw new QuotaExceededException(standing,
                    $"The {plan} plan allows {maxUnits} billed units a month ({usedUnits} used, {units} asked); the quota resets at {resetsAt:O}.");
            }

            var next = new MonthlyUsage { Id = id, UserId = userId, Videos = usedVideos + videos, Units = usedUnits + units };
            // Another start of this user's may move the counter first: then read it again.
            if (await UsageDocument.TryWriteAsync(container, next, id, userId, etag, cancellationToken))
            {
                return standing with { VideosThisMonth = next.Videos, UnitsThisMonth = next.Units };
            }
        }

        throw new InvalidOperationException($"The quota of {userId} is too contended to update; try again.");
    }

    /// <summary>
    /// Throws <see cref="QuotaExceededException"/> when <paramref name="units"/> would not fit now, taking nothing: for
    /// work that writes something before it starts (a redraw's prompt), so a refused request leaves nothing behind.
    /// </summary>
    public async Task EnsureUnitsAsync(string userId, int units, CancellationToken cancellationToken = default)
    {
        var standing = await GetAsync(userId, cancellationToken);
        if (standing.UnitsPerMonth is { } max && standing.UnitsThisMonth + units > max)
        {
            throw new QuotaExceededException(standing,
                $"The {standing.Plan} plan allows {max} billed units a month ({standing.UnitsThisMonth} used, {units} asked); the quota resets at {standing.ResetsAt:O}.");
        }
    }

    /// <summary>The user's standing this month, without taking anything.</summary>
    public async Task<QuotaStatus> GetAsync(string userId, CancellationToken cancellationToken = default)
    {
        var plan = await PlanOfAsync(userId, cancellationToken);
        var (month, resetsAt) = Month();
        var container = await database.ContainerAsync(StudioContainers.Usage);
        var (usage, _) = await UsageDocument.ReadAsync<MonthlyUsage>(container, UsageId(month), userId, cancellationToken);
        var planOptions = options.Value.Plan(plan);
        return new QuotaStatus(plan, planOptions.VideosPerMonth, usage?.Videos ?? 0, resetsAt, planOptions.UnitsPerMonth, usage?.Units ?? 0);
    }

    /// <summary>The plan of <paramref name="userId"/>: their account's, or the unregistered plan.</summary>
    public async Task<string> PlanOfAsync(string userId, CancellationToken cancellationToken) =>
        (await accounts.FindAsync(userId, cancellationToken))?.Plan ?? options.Value.UnregisteredPlan;

    private (DateTimeOffset Month, DateTimeOffset ResetsAt) Month()
    {
        var now = time.GetUtcNow();
        var month = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return (month, month.AddMonths(1));
    }

    private static string UsageId(DateTimeOffset month) => $"videos-{month:yyyy-MM}";
}
