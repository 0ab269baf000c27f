using Serverless.Studio.Orchestrations;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

using Serverless.Studio.Projects;

namespace Serverless.Studio.Webhooks;

/// <summary>What a webhook message says about a video (its <c>data</c>).</summary>
public sealed record VideoEventData(
    string TaskId,
    string ProjectId,
    string Status,
    int? ErrorCode = null,
    string? ErrorMessage = null,
    double? DurationSeconds = null,
    long? SizeBytes = null,
    int? ShotCount = null);

/// <summary>A video event to announce, raised by the video orchestration.</summary>
public sealed record WebhookEventInput(string UserId, string Event, DateTime OccurredAt, VideoEventData Data);

/// <summary>A request that cannot be met, with the field and reason the API answers 400 with.</summary>
public sealed class WebhookRequestException(string field, string reason) : Exception($"{field}: {reason}")
{
    public string Field { get; } = field;
    public string Reason { get; } = reason;
}

/// <summary>Subscriptions, per-video endpoints, the delivery log and redelivery.</summary>
public sealed class WebhookService(
    WebhookStore store,
    OutboundAddressGuard guard,
    DurableTaskClient durable,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookService> logger)
{
    private const int MaxDescriptionLength = 200;

    /// <summary>Bodies are snake_case like the API.</summary>
    public static readonly JsonSerializerOptions BodyJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Why a URL cannot receive webhooks, or null when it can.</summary>
    public Task<string?> CheckUrlAsync(string? url, CancellationToken cancellationToken = default) => guard.CheckUrlAsync(url, cancellationToken);

    public async Task<WebhookEndpoint> SubscribeAsync(string userId, string? url, IReadOnlyList<string>? events, string? description, CancellationToken cancellationToken = default)
    {
        if (await guard.CheckUrlAsync(url, cancellationToken) is { } badUrl)
        {
            throw new WebhookRequestException("url", badUrl);
        }

        if (events is null || events.Count == 0 || events.Count > WebhookEvents.All.Count || events.Any(e => !WebhookEvents.All.Contains(e)))
        {
            throw new WebhookRequestException("events", $"one or more of {string.Join(", ", WebhookEvents.All)}");
        }

        if (description is { Length: > MaxDescriptionLength })
        {
            throw new WebhookRequestException("description", $"at most {MaxDescriptionLength} characters");
        }

        var existing = await store.ListEndpointsAsync(userId, cancellationToken);
        if (existing.Count(e => e.TaskId is null) >= options.Value.MaxSubscriptionsPerUser)
        {
            throw new WebhookRequestException("url", $"at most {options.Value.MaxSubscriptionsPerUser} subscriptions per user; delete one first");
        }

        var endpoint = new WebhookEndpoint
        {
            Id = "whk_" + RandomHex(8),
            UserId = userId,
            Url = url!,
            Events = events.Distinct().ToList(),
            Secret = WebhookSignature.NewSecret(),
            Description = description,
            CreatedAt = time.GetUtcNow(),
        };
        await store.CreateEndpointAsync(endpoint, cancellationToken);
        logger.LogInformation("Webhook {WebhookId} subscribed to {Events} for user {UserId}", endpoint.Id, endpoint.Events, userId);
        return endpoint;
    }

    /// <summary>The endpoint of one video's <c>webhook_url</c>: hears every event of that video only. The URL was checked by the caller.</summary>
    public async Task<WebhookEndpoint> AddVideoEndpointAsync(string userId, string taskId, string url, CancellationToken cancellationToken = default)
    {
        var endpoint = new WebhookEndpoint
        {
            // Derived from the task, so starting the same video again finds this endpoint instead of adding another.
            Id = "whk_" + Digest(taskId)[..16],
            UserId = userId,
            Url = url,
            Events = WebhookEvents.All,
            Secret = WebhookSignature.NewSecret(),
            TaskId = taskId,
            CreatedAt = time.GetUtcNow(),
        };
        return await store.FindEndpointAsync(userId, endpoint.Id, cancellationToken) ?? await CreateAsync(endpoint);

        async Task<WebhookEndpoint> CreateAsync(WebhookEndpoint created)
        {
            await store.CreateEndpointAsync(created, cancellationToken);
            return created;
        }
    }

    public Task<IReadOnlyList<WebhookEndpoint>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
        store.ListEndpointsAsync(userId, cancellationToken);

    public Task<WebhookEndpoint?> FindAsync(string userId, string webhookId, CancellationToken cancellationToken = default) =>
        store.FindEndpointAsync(userId, webhookId, cancellationToken);

    public Task<bool> DeleteAsync(string userId, string webhookId, CancellationToken cancellationToken = default) =>
        store.DeleteEndpointAsync(userId, webhookId, cancellationToken);

    /// <summary>A page of the delivery log of an endpoint the user owns; null when there is no such endpoint.</summary>
    public async Task<WebhookDeliveryPage?> ListDeliveriesAsync(string userId, string webhookId, int skip, int take, CancellationToken cancellationToken = default) =>
        await store.FindEndpointAsync(userId, webhookId, cancellationToken) is null
            ? null
            : await store.ListDeliveriesAsync(webhookId, skip, take, cancellationToken);

    /// <summary>Times one logged message may be sent again by hand.</summary>
    public const int MaxRedeliveries = 5;

    /// <summary>
    /// Sends a logged message again as a new delivery: not found when the endpoint or delivery is not the user's, a
    /// conflict once the message was redelivered <see cref="MaxRedeliveries"/> times. Redeliveries of a message have the
    /// ids <c>{first}_r1</c> to <c>_r5</c>, so the bound holds however many requests race.
    /// </summary>
    public async Task<Outcome<WebhookDelivery>> RedeliverAsync(string userId, string webhookId, string deliveryId, CancellationToken cancellationToken = default)
    {
        if (await store.FindEndpointAsync(userId, webhookId, cancellationToken) is null
            || await store.FindDeliveryAsync(webhookId, deliveryId, cancellationToken) is not { } original)
        {
            return Outcome<WebhookDelivery>.NotFound();
        }

        var first = original.RedeliveryOf ?? original.Id;
        for (var n = 1; n <= MaxRedeliveries; n++)
        {
            var id = $"{first}_r{n}";
            if (await store.FindDeliveryAsync(webhookId, id, cancellationToken) is not null)
            {
                continue;
            }

            var delivery = await store.CreateDeliveryAsync(original with
            {
                Id = id,
                Status = WebhookDeliveryStatus.Pending,
                Attempts = [],
                NextAttemptAt = null,
                RedeliveryOf = first,
                CreatedAt = time.GetUtcNow(),
                UpdatedAt = null,
            }, cancellationToken);
            await StartAsync(delivery, cancellationToken);
            logger.LogInformation("Delivery {DeliveryId} of {WebhookId} redelivered as {RedeliveryId}", deliveryId, webhookId, delivery.Id);
            return Outcome<WebhookDelivery>.Ok(delivery);
        }

        return Outcome<WebhookDelivery>.Conflict($"this message was already redelivered {MaxRedeliveries} times, the most allowed");
    }

    /// <summary>
    /// Announces a video event: one delivery per endpoint that listens (the user's subscriptions to the event and the
    /// video's own endpoint), each sent by its own orchestration. Ids derive from the event, so a retried call
    /// neither duplicates deliveries nor restarts them.
    /// </summary>
    public async Task<int> RaiseAsync(WebhookEventInput input, CancellationToken cancellationToken = default)
    {
        var endpoints = (await store.ListEndpointsAsync(input.UserId, cancellationToken))
            .Where(e => e.TaskId is null ? e.Events.Contains(input.Event) : e.TaskId == input.Data.TaskId && e.Events.Contains(input.Event))
            .ToList();
        if (endpoints.Count == 0)
        {
            return 0;
        }

        var messageId = "msg_" + Digest($"{input.Data.TaskId}/{input.Event}");
        var body = JsonSerializer.Serialize(new WebhookMessage(input.Event, new DateTimeOffset(DateTime.SpecifyKind(input.OccurredAt, DateTimeKind.Utc)), input.Data), BodyJson);
        foreach (var endpoint in endpoints)
        {
            var delivery = await store.CreateDeliveryAsync(new WebhookDelivery
            {
                Id = "dlv_" + Digest($"{messageId}/{endpoint.Id}"),
                WebhookId = endpoint.Id,
                UserId = input.UserId,
                MessageId = messageId,
                Event = input.Event,
                Body = body,
                Status = WebhookDeliveryStatus.Pending,
                CreatedAt = time.GetUtcNow(),
            }, cancellationToken);
            await StartAsync(delivery, cancellationToken);
        }

        logger.LogInformation("Event {Event} of {TaskId} goes to {Count} webhook(s)", input.Event, input.Data.TaskId, endpoints.Count);
        return endpoints.Count;
    }

    private async Task StartAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        // A finished instance could be started again under its id: look first, so a retried raise sends nothing twice.
        if (await durable.GetInstanceAsync(delivery.Id, cancellation: cancellationToken) is not null)
        {
            return;
        }

        await durable.ScheduleNewOrchestrationInstanceAsync(
            nameof(WebhookDeliveryOrchestrator),
            new WebhookDeliveryRequest(delivery.UserId, delivery.WebhookId, delivery.Id, WebhookRetrySchedule.From(options.Value)),
            new StartOrchestrationOptions(InstanceId: delivery.Id),
            cancellationToken);
    }

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..20];

    private sealed record WebhookMessage(string Type, DateTimeOffset Timestamp, VideoEventData Data);
}

/// <summary>Raises a video event from the video orchestration (it does not wait for the deliveries).</summary>
public sealed class RaiseWebhookEventActivity(WebhookService webhooks) : TaskActivity<WebhookEventInput, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, WebhookEventInput input) => webhooks.RaiseAsync(input);
}
