using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Accounts;
using Serverless.Studio.Pipeline;

namespace Serverless.Functions.Accounts;

/// <summary>
/// Per-user rate limits on <c>/api/v1</c>: a token bucket per signed-in user (admins exempt when configured), a fixed
/// window per address for anonymous callers; an empty bucket answers 429 with <c>Retry-After</c> in the envelope.
/// </summary>
public sealed class CallerRateLimit(IOptions<RateLimitOptions> options, TrustedProxies proxies) : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, options.Value, proxies));

    /// <summary>Takes one permit for the request; false when it was refused and the 429 has been written.</summary>
    public async Task<bool> TryEnterAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var lease = await _limiter.AcquireAsync(http, 1, http.RequestAborted);
        if (lease.IsAcquired)
        {
            return true;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.Response.WriteAsJsonAsync(
            ApiResults.Envelope(http, ErrorCodes.QuotaExceeded, $"Too many requests; retry after {seconds} s.", new { retry_after_seconds = seconds }),
            http.RequestAborted);
        return false;
    }

    public void Dispose() => _limiter.Dispose();

    /// <summary>Only the API is limited; health and readiness are not.</summary>
    private static RateLimitPartition<string> Partition(HttpContext http, RateLimitOptions limits, TrustedProxies proxies)
    {
        if (!http.Request.Path.StartsWithSegments("/api/v1", StringComparison.OrdinalIgnoreCase))
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        if (http.User.UserIdOrNull() is { } userId)
        {
            if (limits.ExemptAdmins && http.User.IsInRole(UserRoles.Admin))
            {
                return RateLimitPartition.GetNoLimiter("admin");
            }

            return RateLimitPartition.GetTokenBucketLimiter("user:" + userId, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.TokenLimit,
                TokensPerPeriod = limits.TokensPerPeriod,
                ReplenishmentPeriod = limits.ReplenishmentPeriod,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        }

        return RateLimitPartition.GetFixedWindowLimiter("address:" + proxies.ClientAddress(http), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.AnonymousPermitsPerWindow,
            Window = limits.AnonymousWindow,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
