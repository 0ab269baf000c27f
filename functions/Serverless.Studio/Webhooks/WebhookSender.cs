using System.Diagnostics;
using System.Net.Http;
using System.Text;
using Microsoft.Extensions.Options;

namespace Serverless.Studio.Webhooks;

/// <summary>What one attempt came to. A refused target or a 410 Gone is not retried.</summary>
public sealed record WebhookAttemptOutcome(bool Succeeded, bool Retryable, int? StatusCode, string? Error, long DurationMs);

/// <summary>Sends one signed webhook request through the <see cref="OutboundAddressGuard"/>.</summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    public WebhookSender(OutboundAddressGuard guard, IOptions<WebhookOptions> options, TimeProvider time)
    {
        _time = time;
        _http = new HttpClient(guard.CreateHandler()) { Timeout = options.Value.AttemptTimeout };
    }

    public async Task<WebhookAttemptOutcome> SendAsync(WebhookEndpoint endpoint, WebhookDelivery delivery, CancellationToken cancellationToken = default)
    {
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", delivery.MessageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(endpoint.Secret, delivery.MessageId, timestamp, delivery.Body));
        request.Headers.UserAgent.ParseAdd("serverless-studio-webhooks/1");

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return response.IsSuccessStatusCode
                ? new WebhookAttemptOutcome(true, false, status, null, elapsed)
                : new WebhookAttemptOutcome(false, status != 410, status, $"HTTP {status}", elapsed);
        }
        catch (HttpRequestException e) when (OutboundAddressGuard.RefusalIn(e) is { } refused)
        {
            return new WebhookAttemptOutcome(false, false, null, refused.Message, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var reason = e is TaskCanceledException ? "timed out" : e.Message;
            return new WebhookAttemptOutcome(false, true, null, reason, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    public void Dispose() => _http.Dispose();
}
