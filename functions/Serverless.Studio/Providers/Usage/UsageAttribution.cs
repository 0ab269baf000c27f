namespace Serverless.Studio.Providers.Usage;

/// <summary>
/// The user that provider calls in this async flow are billed to. The provider interfaces predate accounting and
/// carry no user, so a caller that knows the user (an activity with its request's UserId) opens a scope around its calls.
/// </summary>
public static class UsageAttribution
{
    public const string Anonymous = "anonymous";

    private static readonly AsyncLocal<string?> User = new();

    public static string CurrentUser => User.Value ?? Anonymous;

    /// <summary>Bills calls to <paramref name="userId"/> until the returned scope is disposed.</summary>
    public static IDisposable Begin(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var previous = User.Value;
        User.Value = userId;
        return new Scope(previous);
    }

    private sealed class Scope(string? previous) : IDisposable
    {
        public void Dispose() => User.Value = previous;
    }
}
