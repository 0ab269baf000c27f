using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Tests.Accounts;
using Serverless.Studio.Pipeline;
using Serverless.Studio.ProductCatalogs;

namespace Serverless.Functions.Tests.ProductCatalogs;

/// <summary>Ad results imported per platform and summed per template and per product through the catalog's videos.</summary>
public sealed class AdResultTests(AccountsAppFactory app) : IClassFixture<AccountsAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    private async Task<string> CreateCatalogAsync(TestUser user) =>
        (await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/catalogs", user.AccessToken, new { name = "ads" })), HttpStatusCode.Created, 0))
            .GetProperty("data").GetProperty("id").GetString()!;

    private async Task<JsonElement> PostCsvAsync(TestUser user, string path, string csv, HttpStatusCode status = HttpStatusCode.OK, int code = 0)
    {
        var request = ApiClient.Bearer(HttpMethod.Post, path, user.AccessToken);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await ApiClient.ExpectAsync(await _client.SendAsync(request), status, code);
    }

    // The batch generation records these as it renders; here they are written as it would.
    private async Task RecordVideoAsync(TestUser user, string catalogId, string videoId, string sku, string templateId)
    {
        var store = app.Services.GetRequiredService<CatalogVideoStore>();
        await store.UpsertAsync(new CatalogVideo
        {
            Id = videoId, VideoId = videoId, UserId = user.UserId, CatalogId = catalogId, Sku = sku, TemplateId = templateId,
            ProjectId = "prj_" + videoId, Status = "completed", RenderedAt = DateTimeOffset.UtcNow, ContentHash = "h-" + sku, CreatedAt = DateTimeOffset.UtcNow,
        });
    }

    [Fact]
    public async Task Results_add_up_per_template_and_product_with_ctr_conversion_rate_roas_and_the_videos_behind_them()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var catalogId = await CreateCatalogAsync(user);
        await RecordVideoAsync(user, catalogId, "v1", "TEA-1", "unboxing");
        await RecordVideoAsync(user, catalogId, "v2", "TEA-1", "feature-list");
        await RecordVideoAsync(user, catalogId, "v3", "MUG-2", "unboxing");

        var douyin = (await PostCsvAsync(user, $"/api/v1/catalogs/{catalogId}/ad-results?platform=douyin",
            "date,video_id,spend,gmv,impressions,clicks,conversions\n" +
            "2026-11-01,v1,100,400,10000,200,10\n" +
            "2026-11-02,v1,50,100,5000,50,5\n" +
            "2026-11-01,v2,80,80,8000,40,2\n" +
            "2026-11-01,v9,1,1,1,1,1\n" +
            "2026-11-01,v1,1,1,1,1,1\n" +
            "11/01/2026,v3,1,1,1,1,1\n" +
            "2026-11-01,v3,1,1,10,20,1\n" +
            "2026-11-01,v3,-1,1,10,2,1\n")).GetProperty("data");
        Assert.Equal(3, douyin.GetProperty("accepted").GetInt32());
        var refused = douyin.GetProperty("refused").EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("reason").GetString()!)).ToList();
        Assert.Equal([4, 5, 6, 7, 8], refused.Select(r => r.Item1));
        Assert.Contains("not a video of this catalog", refused[0].Item2);
        Assert.Contains("duplicate", refused[1].Item2);
        Assert.Contains("YYYY-MM-DD", refused[2].Item2);
        Assert.Contains("clicks exceed impressions", refused[3].Item2);
        Assert.Contains("spend", refused[4].Item2);

        // Another platform in a column; the same day and video again replaces rather than adds.
        await PostCsvAsync(user, $"/api/v1/catalogs/{catalogId}/ad-results",
            "platform,date,video_id,spend,gmv,impressions,clicks,conversions\ntiktok,2026-11-01,v3,20,0,1000,0,0\ntiktok,2026-11-03,v1,0,0,0,0,0\n");
        await PostCsvAsync(user, $"/api/v1/catalogs/{catalogId}/ad-results",
            "platform,date,video_id,spend,gmv,impressions,clicks,conversions\ntiktok,2026-11-01,v3,10,0,1000,0,0\n");

        var unboxing = (await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/templates/unboxing/performance", user.AccessToken)), HttpStatusCode.OK, 0)).GetProperty("data");
        var total = unboxing.GetProperty("total");
        Assert.Equal(2, total.GetProperty("videos").GetInt32());
        Assert.Equal(160m, total.GetProperty("spend").GetDecimal());
        Assert.Equal(500m, total.GetProperty("gmv").GetDecimal());
        Assert.Equal(16000, total.GetProperty("impressions").GetInt64());
        Assert.Equal(250.0 / 16000, total.GetProperty("ctr").GetDouble(), 9);
        Assert.Equal(15.0 / 250, total.GetProperty("conversion_rate").GetDouble(), 9);
        Assert.Equal(500.0 / 160, total.GetProperty("roas").GetDouble(), 9);
        Assert.Equal(["douyin", "tiktok"], unboxing.GetProperty("platforms").EnumerateArray().Select(p => p.GetProperty("key").GetString()));

        var catalog = (await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, $"/api/v1/catalogs/{catalogId}/performance", user.AccessToken)), HttpStatusCode.OK, 0)).GetProperty("data");
        var products = catalog.GetProperty("products").EnumerateArray().ToDictionary(p => p.GetProperty("key").GetString()!, p => p.GetProperty("figures"));
        Assert.Equal(2, products["TEA-1"].GetProperty("videos").GetInt32());
        Assert.Equal(230m, products["TEA-1"].GetProperty("spend").GetDecimal());
        Assert.Equal(580.0 / 230, products["TEA-1"].GetProperty("roas").GetDouble(), 9);
        Assert.Equal(1, products["MUG-2"].GetProperty("videos").GetInt32());
        Assert.Equal(JsonValueKind.Null, products["MUG-2"].GetProperty("conversion_rate").ValueKind);
        Assert.Equal(0.0, products["MUG-2"].GetProperty("roas").GetDouble());
        var templates = catalog.GetProperty("templates").EnumerateArray().ToDictionary(p => p.GetProperty("key").GetString()!, p => p.GetProperty("figures"));
        Assert.Equal(1, templates["feature-list"].GetProperty("videos").GetInt32());
        Assert.Equal(1.0, templates["feature-list"].GetProperty("roas").GetDouble(), 9);

        // Another user sees none of it.
        var other = await ApiClient.RegisterAsync(_client);
        var theirs = (await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/templates/unboxing/performance", other.AccessToken)), HttpStatusCode.OK, 0)).GetProperty("data");
        Assert.Equal(0, theirs.GetProperty("total").GetProperty("videos").GetInt32());
        await PostCsvAsync(other, $"/api/v1/catalogs/{catalogId}/ad-results?platform=douyin", "date,video_id\n", HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await PostCsvAsync(user, $"/api/v1/catalogs/{catalogId}/ad-results?platform=Dou%20yin", "date,video_id\n", HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
    }
}
