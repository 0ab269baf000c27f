using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Functions.Tests.Accounts;
using Serverless.Studio.ProductCatalogs;
using Serverless.Studio.Webhooks;

namespace Serverless.Functions.Tests.ProductCatalogs;

/// <summary>The app trusting the test feed's self-signed certificate by its thumbprint, and nothing else besides Development's loopback.</summary>
public sealed class FeedAppFactory() : CatalogAppFactory(Certificate)
{
    private static readonly X509Certificate2 Certificate = HttpsFeedServer.CreateCertificate();

    public X509Certificate2 FeedCertificate => Certificate;
}

/// <summary>
/// A catalog's HTTPS feed re-read by the refresh through the outbound guard: imported, asked again with its ETag (304:
/// nothing written), a new version re-imports and only the changed product moves its hash. Without the loopback
/// allowance, or without trusting the certificate, the same feed is refused with a reason on the catalog.
/// </summary>
public sealed class CatalogFeedRefreshTests(FeedAppFactory app) : IClassFixture<FeedAppFactory>
{
    private const string Header = "sku,name,category,price,currency,selling_points,picture_url\n";
    private readonly HttpClient _client = app.CreateClient();

    private async Task<(TestUser User, string CatalogId)> CatalogWithFeedAsync(string feedUrl)
    {
        var user = await ApiClient.RegisterAsync(_client);
        var created = await ApiClient.ExpectAsync(await _client.SendAsync(
            ApiClient.Bearer(HttpMethod.Post, "/api/v1/catalogs", user.AccessToken, new { name = "feed", feed_url = feedUrl, feed_format = "csv" })), HttpStatusCode.Created, 0);
        return (user, created.GetProperty("data").GetProperty("id").GetString()!);
    }

    private async Task<JsonElement> GetAsync(TestUser user, string path) =>
        (await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, path, user.AccessToken)), HttpStatusCode.OK, 0)).GetProperty("data");

    [Fact]
    public async Task An_https_feed_is_imported_asked_again_by_its_etag_and_a_new_version_moves_only_the_changed_product()
    {
        await using var feed = await HttpsFeedServer.StartAsync(app.FeedCertificate);
        feed.Publish(Header + "A1,绿茶,tea,10,CNY,,\nB2,Mug,cups,5,USD,,\n");
        var (user, catalogId) = await CatalogWithFeedAsync(feed.FeedUrl);
        var refresh = app.Services.GetRequiredService<CatalogSourceRefresh>();

        var first = await refresh.RefreshAsync(user.UserId, catalogId, CancellationToken.None);
        Assert.True(first.Changed, first.Error);
        Assert.Equal(2, first.Report!.Accepted);
        var a = await GetAsync(user, $"/api/v1/catalogs/{catalogId}/products/A1");
        var b = await GetAsync(user, $"/api/v1/catalogs/{catalogId}/products/B2");

        // Same version: the refresh sends the ETag it kept and the feed answers 304.
        var unchanged = await refresh.RefreshAsync(user.UserId, catalogId, CancellationToken.None);
        Assert.False(unchanged.Changed);
        Assert.Null(unchanged.Error);
        Assert.Equal([null, "\"v1\""], feed.Requests);

        feed.Publish(Header + "A1,绿茶,tea,12,CNY,,\nB2,Mug,cups,5,USD,,\n");
        var second = await refresh.RefreshAsync(user.UserId, catalogId, CancellationToken.None);
        Assert.True(second.Changed, second.Error);
        Assert.Equal((1, 1), (second.Report!.Accepted - second.Report.Unchanged, second.Report.Unchanged));
        var a2 = await GetAsync(user, $"/api/v1/catalogs/{catalogId}/products/A1");
        var b2 = await GetAsync(user, $"/api/v1/catalogs/{catalogId}/products/B2");
        Assert.Equal(12m, a2.GetProperty("price").GetDecimal());
        Assert.NotEqual(a.GetProperty("content_hash").GetString(), a2.GetProperty("content_hash").GetString());
        Assert.Equal(b.GetProperty("content_hash").GetString(), b2.GetProperty("content_hash").GetString());

        var source = (await GetAsync(user, $"/api/v1/catalogs/{catalogId}")).GetProperty("source");
        Assert.Equal(feed.FeedUrl, source.GetProperty("feed_url").GetString());
        Assert.Equal(JsonValueKind.Null, source.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task The_guard_refuses_a_loopback_feed_by_default_and_an_untrusted_certificate_fails_the_refresh()
    {
        await using var feed = await HttpsFeedServer.StartAsync(app.FeedCertificate);
        feed.Publish(Header + "A1,Tea,tea,10,CNY,,\n");
        var (user, catalogId) = await CatalogWithFeedAsync(feed.FeedUrl);

        // The options as production has them: no loopback, no extra certificate.
        using var byDefault = RefreshThrough(new WebhookOptions());
        var refused = await byDefault.RefreshAsync(user.UserId, catalogId, CancellationToken.None);
        Assert.False(refused.Changed);
        Assert.Equal($"the feed's host is {OutboundAddressGuard.NotPublic}", refused.Error);
        Assert.Empty(feed.Requests);
        Assert.Equal(refused.Error, (await GetAsync(user, $"/api/v1/catalogs/{catalogId}")).GetProperty("source").GetProperty("error").GetString());

        // Loopback allowed but the certificate not listed: the TLS handshake fails, nothing is imported.
        using var untrusted = RefreshThrough(new WebhookOptions { AllowLoopback = true });
        var failed = await untrusted.RefreshAsync(user.UserId, catalogId, CancellationToken.None);
        Assert.Equal("the feed could not be reached", failed.Error);
        Assert.Equal(404, (int)(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, $"/api/v1/catalogs/{catalogId}/products/A1", user.AccessToken))).StatusCode);
    }

    private CatalogSourceRefresh RefreshThrough(WebhookOptions options) =>
        ActivatorUtilities.CreateInstance<CatalogSourceRefresh>(app.Services, new OutboundAddressGuard(Options.Create(options)));
}
