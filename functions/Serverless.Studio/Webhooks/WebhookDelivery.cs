using System.Text.Json.Serialization;

namespace Serverless.Studio.Webhooks;

[JsonConverter(typeof(JsonStringEnumConverter<WebhookDeliveryStatus>))]
public enum WebhookDeliveryStatus
{
    Pending,
    Succeeded,
    Failed,
}

/// <summary>One try at delivering a message, as the log shows it.</summary>
public sealed record WebhookAttempt(int Attempt, DateTimeOffset At, int? StatusCode, string? Error, long DurationMs);

/// <summary>
/// One message sent to one endpoint, with every attempt. A redelivery is a new delivery of the same message
/// (same <see cref="MessageId"/>, which receivers use to drop duplicates). Stored in <c>webhookDeliveries</c>,
/// partitioned by endpoint.
/// </summary>
public sealed record WebhookDelivery
{
    public required string Id { get; init; }
    public required string WebhookId { get; init; }
    public required string UserId { get; init; }
    public required string MessageId { get; init; }
    public required string Event { get; init; }

    /// <summary>The exact JSON body signed and sent; kept so a redelivery sends the same bytes.</summary>
    public required string Body { get; init; }

    public required WebhookDeliveryStatus Status { get; init; }
    public IReadOnlyList<WebhookAttempt> Attempts { get; init; } = [];
    public DateTimeOffset? NextAttemptAt { get; init; }
    public string? RedeliveryOf { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Seconds the record lives after its last write (Cosmos DB's per-item TTL); set by the store.</summary>
    [JsonPropertyName("ttl")]
    public int? TimeToLiveSeconds { get; init; }
}

/// <summary>A delivery's id and time: what the log is sorted and paged by, without the bodies.</summary>
public sealed record WebhookDeliveryKey(string Id, DateTimeOffset CreatedAt);

/// <summary>One page of an endpoint's delivery log, newest first, and how many deliveries it holds in all.</summary>
public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDelivery> Items, int Total);
