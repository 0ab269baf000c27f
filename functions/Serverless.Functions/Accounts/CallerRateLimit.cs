using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Accounts;
using Serverless.Studio.Pipeline;

namespace Serverless.Functions.Accounts;

/// <summary>
/// Per-user rate limits on <c>/api/v1</c>: a token bucket per signed-in user (admins exempt when configured), a fixed
/// window per address for anonymous callers; an empty bucket answers 429 with <c>Retry-After</c> in the envelope.
/// An API key that must be looked up (neither configured nor cached) takes a permit of its address's window first, so
/// guessing keys costs the guesser the anonymous limit before it costs us a database read.
/// </summary>
public sealed class CallerRateLimit(IOptions<RateLimitOptions> options, TrustedProxies proxies, IOptionsMonitor<ApiKeyOptions> configuredKeys, IMemoryCache cache) : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(http, options.Value, proxies));
    private readonly PartitionedRateLimiter<HttpContext> _keyLookups = PartitionedRateLimiter.Create<HttpContext, string>(http => AddressWindow("key-lookup:", http, options.Value, proxies));

    /// <summary>Takes one permit for the request; false when it was refused and the 429 has been written.</summary>
    public async Task<bool> TryEnterAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var lease = await _limiter.AcquireAsync(http, 1, http.RequestAborted);
        return lease.IsAcquired || await RefuseAsync(http, lease);
    }

    /// <summary>Before authentication: a presented API key that would cost a lookup takes a permit of its address.</summary>
    public async Task<bool> TryLookUpKeyAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var secret = http.Request.Headers[ApiKeyAuthenticationHandler.HeaderName].ToString();
        if (secret.Length == 0 || !secret.StartsWith(ApiKeys.SecretPrefix, StringComparison.Ordinal) || configuredKeys.CurrentValue.Find(secret) is not null || ApiKeys.IsRemembered(cache, secret))
        {
            return true;
        }

        using var lease = await _keyLookups.AcquireAsync(http, 1, http.RequestAborted);
        return lease.IsAcquired || await RefuseAsync(http, lease);
    }

    public void Dispose()
    {
        _limiter.Dispose();
        _keyLookups.Dispose();
    }

    /// <summary>Writes the 429 for a refused lease; always false, so callers can answer <c>acquired || refused</c>.</summary>
    private static async Task<bool> RefuseAsync(HttpContext http, RateLimitLease lease)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.Response.WriteAsJsonAsync(
            ApiResults.Envelope(http, ErrorCodes.QuotaExceeded, $"Too many requests; retry after {seconds} s.", new { retry_after_seconds = seconds }),
            http.RequestAborted);
        return false;
    }

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

        return AddressWindow("address:", http, limits, proxies);
    }

    private static RateLimitPartition<string> AddressWindow(string kind, HttpContext http, RateLimitOptions limits, TrustedProxies proxies) =>
        RateLimitPartition.GetFixedWindowLimiter(kind + proxies.ClientAddress(http), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.AnonymousPermitsPerWindow,
            Window = limits.AnonymousWindow,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}
