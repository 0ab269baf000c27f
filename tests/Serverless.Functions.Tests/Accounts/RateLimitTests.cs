using System.Net;
using Serverless.Studio.Pipeline;

namespace Serverless.Functions.Tests.Accounts;

/// <summary>Each user has a token bucket of their own; an empty bucket answers 429 with Retry-After.</summary>
public sealed class RateLimitTests(RateLimitedAppFactory app) : IClassFixture<RateLimitedAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task A_user_past_the_burst_gets_429_with_retry_after_while_others_go_on()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var other = await ApiClient.RegisterAsync(_client);

        for (var i = 0; i < RateLimitedAppFactory.Burst; i++)
        {
            await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/users/me", user.AccessToken)), HttpStatusCode.OK, 0);
        }

        var limited = await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/users/me", user.AccessToken));
        var body = await ApiClient.ExpectAsync(limited, (HttpStatusCode)429, ErrorCodes.QuotaExceeded);
        var retryAfter = int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(retryAfter, body.GetProperty("data").GetProperty("retry_after_seconds").GetInt32());

        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/users/me", other.AccessToken)), HttpStatusCode.OK, 0);
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Keyed(HttpMethod.Get, "/api/v1/users/me", app.OperatorKey)), HttpStatusCode.OK, 0);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/healthz")).StatusCode);
    }
}
