using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Studio.Accounts;
using Serverless.Functions.Api;
using Serverless.Functions.Tests.Accounts;
using Serverless.Studio.Pipeline;

namespace Serverless.Functions.Tests.Security;

/// <summary>Anonymous callers may make three requests a window, whatever address they claim.</summary>
public sealed class AnonymousLimitedAppFactory : SecurityAppFactory
{
    public const int Permits = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Auth:RateLimit:AnonymousPermitsPerWindow", Permits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Auth:RateLimit:AnonymousWindow", "00:10:00");
    }
}

/// <summary>Attacks on who the caller is: a forged client address, and guessing one account's password from many addresses.</summary>
public sealed class AddressAndSignInAttackTests(SecurityAppFactory app) : IClassFixture<SecurityAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Guessing_a_password_from_many_addresses_locks_the_account_with_429_and_retry_after()
    {
        var user = await ApiClient.RegisterAsync(_client);
        for (var i = 0; i < 5; i++)
        {
            await ApiClient.ExpectAsync(await LoginAsync(user.Email, "wrong password " + i, $"198.51.100.{i + 1}"), HttpStatusCode.Unauthorized, ErrorCodes.NotLoggedIn);
        }

        // Even the right password waits now: the guesser cannot learn that a guess was right.
        var response = await LoginAsync(user.Email, user.Password, "203.0.113.9");
        await ApiClient.ExpectAsync(response, HttpStatusCode.TooManyRequests, ErrorCodes.QuotaExceeded);
        Assert.InRange(response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));

        // Another account is not affected.
        var other = await ApiClient.RegisterAsync(_client);
        await ApiClient.ExpectAsync(await LoginAsync(other.Email, other.Password, "198.51.100.1"), HttpStatusCode.OK, 0);
    }

    [Fact]
    public void A_forwarded_address_counts_only_from_a_configured_proxy()
    {
        var none = new TrustedProxies(Options.Create(new ForwardedHeadersSettings()));
        var trusting = new TrustedProxies(Options.Create(new ForwardedHeadersSettings { KnownProxies = ["127.0.0.1"], KnownNetworks = ["10.1.0.0/16"] }));

        // By default not even loopback is believed.
        Assert.Equal("127.0.0.1", none.ClientAddress(Request("127.0.0.1", "203.0.113.7")));
        Assert.Equal("198.51.100.4", none.ClientAddress(Request("198.51.100.4", "203.0.113.7")));

        // From a known proxy the right-most hop counts, never what the caller wrote on the left.
        Assert.Equal("203.0.113.7", trusting.ClientAddress(Request("127.0.0.1", "203.0.113.7")));
        Assert.Equal("203.0.113.7", trusting.ClientAddress(Request("10.1.2.3", "1.2.3.4, 203.0.113.7")));
        Assert.Equal("198.51.100.4", trusting.ClientAddress(Request("198.51.100.4", "203.0.113.7")));
        Assert.Equal("127.0.0.1", trusting.ClientAddress(Request("127.0.0.1", "not an address")));
    }

    [Fact]
    public async Task Claiming_a_new_address_each_request_gets_no_fresh_anonymous_window()
    {
        await using var limited = new AnonymousLimitedAppFactory();
        var client = limited.CreateClient();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < AnonymousLimitedAppFactory.Permits + 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email = "nobody@example.com", password = "x" }) };
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            answers.Add((await client.SendAsync(request)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1]);
        Assert.Equal(AnonymousLimitedAppFactory.Permits, answers.Count(a => a != HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Guessing_api_keys_meets_the_address_limit_before_any_lookup()
    {
        await using var limited = new AnonymousLimitedAppFactory();
        var client = limited.CreateClient();
        var user = await ApiClient.RegisterAsync(client);
        var key = (await ApiClient.ExpectAsync(await client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/keys", user.AccessToken, new { name = "k" })), HttpStatusCode.Created, 0))
            .GetProperty("data").GetProperty("key").GetString()!;
        await ApiClient.ExpectAsync(await client.SendAsync(ApiClient.Keyed(HttpMethod.Get, "/api/v1/users/me", key)), HttpStatusCode.OK, 0);
        var guesses = Enumerable.Range(0, AnonymousLimitedAppFactory.Permits).Select(i => $"sk_guessed_{i}_0123456789abcdef0123456789").ToList();

        // The issued key's lookup took the first permit; the guesses take the rest, then one is refused unread.
        foreach (var guess in guesses[..^1])
        {
            await ApiClient.ExpectAsync(await client.SendAsync(ApiClient.Keyed(HttpMethod.Get, "/api/v1/users/me", guess)), HttpStatusCode.Unauthorized, ErrorCodes.NotLoggedIn);
        }

        var refused = await client.SendAsync(ApiClient.Keyed(HttpMethod.Get, "/api/v1/users/me", guesses[^1]));
        await ApiClient.ExpectAsync(refused, HttpStatusCode.TooManyRequests, ErrorCodes.QuotaExceeded);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var cache = limited.Services.GetRequiredService<IMemoryCache>();
        Assert.True(cache.TryGetValue(ApiKeys.UnknownCacheKey(AccountIds.Digest(guesses[0])), out _));
        Assert.False(cache.TryGetValue(ApiKeys.UnknownCacheKey(AccountIds.Digest(guesses[^1])), out _));

        // The known key is answered from the cache, so the spent window does not stand in its way.
        await ApiClient.ExpectAsync(await client.SendAsync(ApiClient.Keyed(HttpMethod.Get, "/api/v1/users/me", key)), HttpStatusCode.OK, 0);
    }

    private Task<HttpResponseMessage> LoginAsync(string email, string password, string claimedAddress)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add("X-Forwarded-For", claimedAddress);
        return _client.SendAsync(request);
    }

    private static DefaultHttpContext Request(string peer, string forwardedFor)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        http.Request.Headers["X-Forwarded-For"] = forwardedFor;
        return http;
    }
}
