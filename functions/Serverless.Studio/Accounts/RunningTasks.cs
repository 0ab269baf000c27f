using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Studio.Storage;
using Serverless.Studio.Tasks;

namespace Serverless.Studio.Accounts;

/// <summary>
/// The tasks a user started that may still run (container <c>usage</c>, partitioned by <c>/userId</c>, id
/// <c>running-tasks</c>). Tasks live in per-project partitions, so counting a user's running ones would be a
/// cross-partition query; this short list is read with the user's key instead, and each entry is checked by a point
/// read of its task.
/// </summary>
public sealed record RunningTaskLedger
{
    public const string DocumentId = "running-tasks";

    public required string Id { get; init; }

    public required string UserId { get; init; }

    public required IReadOnlyList<RunningTaskEntry> Tasks { get; init; }
}

public sealed record RunningTaskEntry(string TaskId, DateTimeOffset StartedAt);

/// <summary>The user already runs as many tasks as their plan allows at once.</summary>
public sealed class TooManyRunningTasksException(string plan, int limit, TimeSpan retryAfter)
    : Exception($"The {plan} plan runs at most {limit} tasks at once; wait for one to finish or cancel one.")
{
    public string Plan { get; } = plan;

    public int Limit { get; } = limit;

    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>
/// Caps the tasks one user runs at once (<see cref="PlanOptions.MaxRunningTasks"/>). A slot is claimed under the
/// ledger's ETag before anything starts, so concurrent starts never overshoot; slots are given back by the task
/// ending (its record says so), by <see cref="ReleaseAsync"/> when the start was refused later, or by age.
/// </summary>
public sealed class RunningTasks(
    StudioDatabase database,
    VideoQuota quota,
    VideoTaskStore tasks,
    IOptions<AccountOptions> options,
    TimeProvider time,
    ILogger<RunningTasks> logger)
{
    private const int MaxAttempts = 10;

    /// <summary>
    /// A slot claimed moments ago whose task record is not written yet still counts: the request that claimed it is
    /// between its claim and its write.
    /// </summary>
    private static readonly TimeSpan ClaimGrace = TimeSpan.FromMinutes(1);

    /// <summary>Takes a slot for <paramref name="taskId"/>, or throws <see cref="TooManyRunningTasksException"/>.</summary>
    public async Task ClaimAsync(string userId, string taskId, CancellationToken cancellationToken = default)
    {
        var plan = await quota.PlanOfAsync(userId, cancellationToken);
        if (options.Value.Plan(plan).MaxRunningTasks is not { } limit)
        {
            return;
        }

        await ChangeAsync(userId, async (entries, now) =>
        {
            var running = await StillRunningAsync(userId, entries, now, cancellationToken);
            if (running.Any(e => e.TaskId == taskId))
            {
                return running;
            }

            if (running.Count >= limit)
            {
                logger.LogInformation("{UserId} runs {Running} tasks, the most plan {Plan} allows; {TaskId} refused", userId, running.Count, plan, taskId);
                throw new TooManyRunningTasksException(plan, limit, options.Value.RunningTasksRetryAfter);
            }

            return [.. running, new RunningTaskEntry(taskId, now)];
        }, cancellationToken);
    }

    /// <summary>
    /// Claims a slot for <paramref name="taskId"/> (<see cref="TooManyRunningTasksException"/>, 429), then lets
    /// <paramref name="charge"/> take what the work costs from the plan (<see cref="QuotaExceededException"/>, 403); a
    /// refused charge gives the slot back, so a refused start holds nothing.
    /// </summary>
    public async Task ClaimThenChargeAsync(string userId, string taskId, Func<CancellationToken, Task> charge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(charge);
        await ClaimAsync(userId, taskId, cancellationToken);
        try
        {
            await charge(cancellationToken);
        }
        catch (QuotaExceededException)
        {
            await ReleaseAsync(userId, taskId, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Throws <see cref="TooManyRunningTasksException"/> when no slot is free now, claiming nothing: for work that writes
    /// something before it starts. <see cref="ClaimAsync"/> still decides.
    /// </summary>
    public async Task EnsureRoomAsync(string userId, CancellationToken cancellationToken = default)
    {
        var plan = await quota.PlanOfAsync(userId, cancellationToken);
        if (options.Value.Plan(plan).MaxRunningTasks is not { } limit)
        {
            return;
        }

        var container = await database.ContainerAsync(StudioContainers.Usage);
        var (ledger, _) = await UsageDocument.ReadAsync<RunningTaskLedger>(container, RunningTaskLedger.DocumentId, userId, cancellationToken);
        if ((await StillRunningAsync(userId, ledger?.Tasks ?? [], time.GetUtcNow(), cancellationToken)).Count >= limit)
        {
            throw new TooManyRunningTasksException(plan, limit, options.Value.RunningTasksRetryAfter);
        }
    }

    /// <summary>Gives back the slot of a task that was refused after its claim (over quota, say) and never started.</summary>
    public Task ReleaseAsync(string userId, string taskId, CancellationToken cancellationToken = default) =>
        ChangeAsync(userId, (entries, _) => Task.FromResult<IReadOnlyList<RunningTaskEntry>>(entries.Where(e => e.TaskId != taskId).ToList()), cancellationToken);

    private async Task<IReadOnlyList<RunningTaskEntry>> StillRunningAsync(
        string userId, IReadOnlyList<RunningTaskEntry> entries, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var running = new List<RunningTaskEntry>();
        foreach (var entry in entries)
        {
            if (now - entry.StartedAt > options.Value.RunningTaskLifetime)
            {
                continue;
            }

            var task = await tasks.FindAsync(userId, entry.TaskId, cancellationToken);
            // Waiting for approval holds no worker and calls no provider, so it takes no slot.
            var counts = task is null
                ? now - entry.StartedAt < ClaimGrace
                : task.Status is VideoTaskStatus.Queued or VideoTaskStatus.Running;
            if (counts)
            {
                running.Add(entry);
            }
        }

        return running;
    }

    private async Task ChangeAsync(
        string userId, Func<IReadOnlyList<RunningTaskEntry>, DateTimeOffset, Task<IReadOnlyList<RunningTaskEntry>>> change, CancellationToken cancellationToken)
    {
        var container = await database.ContainerAsync(StudioContainers.Usage);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            await EntityTags.BackOffAsync(attempt, cancellationToken);
            var (ledger, etag) = await UsageDocument.ReadAsync<RunningTaskLedger>(container, RunningTaskLedger.DocumentId, userId, cancellationToken);
            var next = new RunningTaskLedger
            {
                Id = RunningTaskLedger.DocumentId,
                UserId = userId,
                Tasks = await change(ledger?.Tasks ?? [], time.GetUtcNow()),
            };
            // Another start of this user's may change the ledger first: then count again.
            if (await UsageDocument.TryWriteAsync(container, next, next.Id, userId, etag, cancellationToken))
            {
                return;
            }
        }

        throw new InvalidOperationException($"The running tasks of {userId} are too contended to update; try again.");
    }
}
