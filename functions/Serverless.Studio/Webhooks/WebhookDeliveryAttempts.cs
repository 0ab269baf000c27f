using Microsoft.DurableTask;

namespace Serverless.Studio.Webhooks;

/// <summary>When to try again: the options as they were when the delivery started, so replays agree.</summary>
public sealed record WebhookRetrySchedule(TimeSpan FirstRetryInterval, double BackoffCoefficient, TimeSpan MaxRetryInterval, TimeSpan GiveUpAfter)
{
    public static WebhookRetrySchedule From(WebhookOptions options) =>
        new(options.FirstRetryInterval, options.BackoffCoefficient, options.MaxRetryInterval, options.GiveUpAfter);

    /// <summary>The wait after the given failed attempt (1-based).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, attempt - 1);
        return ticks >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
    }
}

public sealed record WebhookDeliveryRequest(string UserId, string WebhookId, string DeliveryId, WebhookRetrySchedule Schedule);

public sealed record SendWebhookInput(string UserId, string WebhookId, string DeliveryId, int Attempt, DateTime? RetryAt);

/// <summary>One attempt: sends the stored body to the endpoint and logs the attempt on the delivery.</summary>
public sealed class SendWebhookActivity(WebhookStore store, WebhookSender sender, TimeProvider time) : TaskActivity<SendWebhookInput, WebhookAttemptOutcome>
{
    public override async Task<WebhookAttemptOutcome> RunAsync(TaskActivityContext context, SendWebhookInput input)
    {
        var delivery = await store.FindDeliveryAsync(input.WebhookId, input.DeliveryId)
            ?? throw new InvalidOperationException($"Delivery {input.DeliveryId} of {input.WebhookId} is missing.");
        if (delivery.Attempts.Any(a => a.Attempt == input.Attempt))
        {
            // This attempt was made and logged before a crash lost its completion; do not call the receiver twice.
            var logged = delivery.Attempts.Last(a => a.Attempt == input.Attempt);
            var succeeded = delivery.Status == WebhookDeliveryStatus.Succeeded;
            return new WebhookAttemptOutcome(succeeded, delivery.Status == WebhookDeliveryStatus.Pending, logged.StatusCode, logged.Error, logged.DurationMs);
        }

        var at = time.GetUtcNow();
        var endpoint = await store.FindEndpointAsync(input.UserId, input.WebhookId);
        var outcome = endpoint is null
            ? new WebhookAttemptOutcome(false, false, null, "The webhook was deleted.", 0)
            : await sender.SendAsync(endpoint, delivery);
        var pending = !outcome.Succeeded && outcome.Retryable && input.RetryAt is not null;
        await store.UpsertDeliveryAsync(delivery with
        {
            Attempts = [.. delivery.Attempts, new WebhookAttempt(input.Attempt, at, outcome.StatusCode, outcome.Error, outcome.DurationMs)],
            Status = outcome.Succeeded ? WebhookDeliveryStatus.Succeeded : pending ? WebhookDeliveryStatus.Pending : WebhookDeliveryStatus.Failed,
            NextAttemptAt = pending ? new DateTimeOffset(DateTime.SpecifyKind(input.RetryAt!.Value, DateTimeKind.Utc)) : null,
            UpdatedAt = time.GetUtcNow(),
        });
        return outcome with { Retryable = pending };
    }
}
