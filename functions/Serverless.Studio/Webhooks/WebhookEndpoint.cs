namespace Serverless.Studio.Webhooks;

/// <summary>
/// Where a user's events go: a subscription made over the API, or the <c>webhook_url</c> of one video
/// (<see cref="TaskId"/> set), which hears only that video's events. Stored in <c>webhooks</c>, partitioned by user.
/// </summary>
public sealed record WebhookEndpoint
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string Url { get; init; }
    public required IReadOnlyList<string> Events { get; init; }

    /// <summary><c>whsec_</c> + base64 key; shown to the user once, when the endpoint is created.</summary>
    public required string Secret { get; init; }

    public string? TaskId { get; init; }
    public string? Description { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}
