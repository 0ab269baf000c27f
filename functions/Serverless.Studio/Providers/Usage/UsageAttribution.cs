namespace Serverless.Studio.Providers.Usage;

/// <summary>
/// The user that provider calls in this async flow are billed to, and, inside a task, the call they make there. The
/// provider interfaces predate accounting and carry no user, so a caller that knows the user (an activity with its
/// request's UserId) opens a scope around its calls.
/// </summary>
public static class UsageAttribution
{
    public const string Anonymous = "anonymous";

    private static readonly AsyncLocal<BilledCall?> Call = new();

    public static string CurrentUser => Call.Value?.UserId ?? Anonymous;

    /// <summary>The task call being billed; null outside a task (such calls are metered but not written to the ledger).</summary>
    public static BilledCall? CurrentCall => Call.Value is { TaskId: not null } call ? call : null;

    /// <summary>Bills calls to <paramref name="userId"/> until the returned scope is disposed.</summary>
    public static IDisposable Begin(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return Begin(new BilledCall(userId, null, null, null));
    }

    /// <summary>Bills calls to the task of <paramref name="call"/> until the returned scope is disposed.</summary>
    public static IDisposable Begin(BilledCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentException.ThrowIfNullOrWhiteSpace(call.UserId);
        var previous = Call.Value;
        Call.Value = call;
        return new Scope(previous);
    }

    private sealed class Scope(BilledCall? previous) : IDisposable
    {
        public void Dispose() => Call.Value = previous;
    }
}

/// <summary>
/// One provider call a task makes: <paramref name="CallKey"/> names it within the task (the shot it is for), so a
/// replayed activity writes the same ledger entry again instead of a second one; <paramref name="Budget"/> (USD) is
/// the task's ceiling, if it has one.
/// </summary>
public sealed record BilledCall(string UserId, string? ProjectId, string? TaskId, string? CallKey, decimal? Budget = null);
