using Microsoft.DurableTask;
using Serverless.Studio.Webhooks;

namespace Serverless.Studio.Orchestrations;

/// <summary>
/// Delivers one message: an attempt, and after a failure a durable timer with exponential backoff, until it
/// succeeds, is refused for good, or <see cref="WebhookRetrySchedule.GiveUpAfter"/> has passed. Started by the video
/// orchestration and never awaited by it, so a slow receiver never holds a video back.
/// </summary>
public sealed class WebhookDeliveryOrchestrator : TaskOrchestrator<WebhookDeliveryRequest, bool>
{
    // Only the bookkeeping around an attempt (Cosmos) is retried this way; the HTTP outcome comes back as a value.
    private static readonly TaskOptions StoreRetries = new(new RetryPolicy(3, TimeSpan.FromSeconds(1), 2));

    public override async Task<bool> RunAsync(TaskOrchestrationContext context, WebhookDeliveryRequest request)
    {
        var first = context.CurrentUtcDateTime;
        // Attempts keep to the planned schedule (each wait counted from the last planned time, not from when a busy host
        // got round to it), so how many attempts fit in the window depends on the schedule alone.
        var planned = first;
        for (var attempt = 1; ; attempt++)
        {
            var retryAt = planned + request.Schedule.DelayAfter(attempt);
            DateTime? next = retryAt - first <= request.Schedule.GiveUpAfter ? retryAt : null;
            planned = retryAt;
            var outcome = await context.CallActivityAsync<WebhookAttemptOutcome>(
                nameof(SendWebhookActivity),
                new SendWebhookInput(request.UserId, request.WebhookId, request.DeliveryId, attempt, next),
                StoreRetries);
            if (outcome.Succeeded)
            {
                return true;
            }

            if (!outcome.Retryable || next is null)
            {
                return false;
            }

            await context.CreateTimer(next.Value, CancellationToken.None);
        }
    }
}
