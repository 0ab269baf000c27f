using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Accounts;

/// <summary>An account's recent wrong passwords (container <c>usage</c>, partitioned by <c>/userId</c>, id <c>sign-in-failures</c>).</summary>
public sealed record SignInFailureLog
{
    public const string DocumentId = "sign-in-failures";

    public required string Id { get; init; }

    public required string UserId { get; init; }

    public required IReadOnlyList<DateTimeOffset> Failures { get; init; }
}

/// <summary>The account had too many wrong passwords lately; password sign-in waits <see cref="RetryAfter"/>.</summary>
public sealed class SignInLockedException(TimeSpan retryAfter)
    : Exception("Too many wrong passwords for this account; try again later.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>
/// Limits wrong passwords per account, whatever address they come from: the per-address limit alone lets a botnet
/// guess one account's password from many addresses. Kept in the database, so every instance sees the same count.
/// </summary>
public sealed class SignInFailures(StudioDatabase database, IOptions<AccountOptions> options, TimeProvider time, ILogger<SignInFailures> logger)
{
    private const int MaxAttempts = 5;

    /// <summary>How long the account's password sign-in must wait, or null when it may try now.</summary>
    public async Task<TimeSpan?> LockedForAsync(string userId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(StudioContainers.Usage);
        var (log, _) = await UsageDocument.ReadAsync<SignInFailureLog>(container, SignInFailureLog.DocumentId, userId, cancellationToken);
        var now = time.GetUtcNow();
        var recent = Recent(log, now);
        if (recent.Count < options.Value.MaxFailedSignIns)
        {
            return null;
        }

        // Free again when the oldest failure that keeps the count at the limit leaves the window.
        var oldest = recent[^options.Value.MaxFailedSignIns];
        return oldest + options.Value.FailedSignInWindow - now;
    }

    public async Task RecordAsync(string userId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(StudioContainers.Usage);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            await EntityTags.BackOffAsync(attempt, cancellationToken);
            var (log, etag) = await UsageDocument.ReadAsync<SignInFailureLog>(container, SignInFailureLog.DocumentId, userId, cancellationToken);
            var now = time.GetUtcNow();
            var next = new SignInFailureLog { Id = SignInFailureLog.DocumentId, UserId = userId, Failures = [.. Recent(log, now), now] };
            // Another failure may be recorded first: then add this one to it.
            if (await UsageDocument.TryWriteAsync(container, next, next.Id, userId, etag, cancellationToken))
            {
                return;
            }
        }

        logger.LogWarning("Failed sign-in of {UserId} not recorded: the log is too contended", userId);
    }

    private List<DateTimeOffset> Recent(SignInFailureLog? log, DateTimeOffset now) =>
        (log?.Failures ?? []).Where(f => now - f < options.Value.FailedSignInWindow).Order().ToList();
}
