using Serverless.Studio.Webhooks;

namespace Serverless.Functions.Webhooks;

/// <summary>Body of <c>POST /api/v1/webhooks</c>.</summary>
public sealed record CreateWebhookRequest(string? Url, List<string>? Events, string? Description);

/// <summary>A webhook as listed (never with its secret).</summary>
public sealed record WebhookView(string Id, string Url, IReadOnlyList<string> Events, string? Description, string? TaskId, DateTimeOffset CreatedAt)
{
    public static WebhookView Of(WebhookEndpoint e) => new(e.Id, e.Url, e.Events, e.Description, e.TaskId, e.CreatedAt);
}

/// <summary>A delivery as logged: every attempt with its outcome (the body is what was signed and sent).</summary>
public sealed record WebhookDeliveryView(
    string Id,
    string MessageId,
    string Event,
    WebhookDeliveryStatus Status,
    IReadOnlyList<WebhookAttempt> Attempts,
    DateTimeOffset? NextAttemptAt,
    string? RedeliveryOf,
    DateTimeOffset CreatedAt,
    string Body)
{
    public static WebhookDeliveryView Of(WebhookDelivery d) =>
        new(d.Id, d.MessageId, d.Event, d.Status, d.Attempts, d.NextAttemptAt, d.RedeliveryOf, d.CreatedAt, d.Body);
}

/// <summary>A new subscription with its signing secret, which no later answer shows.</summary>
public sealed record WebhookCreated(string Id, string Url, IReadOnlyList<string> Events, string? Description, string Secret, DateTimeOffset CreatedAt);

/// <summary>A removed subscription.</summary>
public sealed record WebhookDeleted(string Id, bool Deleted);
