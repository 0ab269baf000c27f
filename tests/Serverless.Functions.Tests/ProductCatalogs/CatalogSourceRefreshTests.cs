using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Tests.Accounts;
using Serverless.Studio.ProductCatalogs;

namespace Serverless.Functions.Tests.ProductCatalogs;

/// <summary>A catalog's uploaded source file, re-read by the scheduled refresh only when it has a newer version.</summary>
public sealed class CatalogSourceRefreshTests(AccountsAppFactory app) : IClassFixture<AccountsAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    private async Task PutSourceAsync(TestUser user, string catalogId, string csv)
    {
        var request = ApiClient.Bearer(HttpMethod.Put, $"/api/v1/catalogs/{catalogId}/source", user.AccessToken);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var source = (await ApiClient.ExpectAsync(await _client.SendAsync(request), HttpStatusCode.OK, 0)).GetProperty("data").GetProperty("source");
        Assert.True(source.GetProperty("uploaded_file").GetBoolean());
    }

    private async Task<JsonElement> ProductAsync(TestUser user, string catalogId, string sku) =>
        (await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, $"/api/v1/catalogs/{catalogId}/products/{sku}", user.AccessToken)), HttpStatusCode.OK, 0))
            .GetProperty("data");

    [Fact]
    public async Task A_newer_source_version_is_imported_and_only_the_changed_product_gets_a_new_hash()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var catalogId = (await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/catalogs", user.AccessToken, new { name = "feed" })), HttpStatusCode.Created, 0))
            .GetProperty("data").GetProperty("id").GetString()!;
        var refresh = app.Services.GetRequiredService<CatalogSourceRefresh>();
        const string Header = "sku,name,category,price,currency,selling_points,picture_url\n";

        await PutSourceAsync(user, catalogId, Header + "A1,绿茶,tea,10,CNY,,\nB2,Mug,cups,5,USD,,\n");
        var first = Assert.Single(await refresh.RefreshAllAsync(CancellationToken.None), r => r.CatalogId == catalogId);
        Assert.True(first.Changed);
        Assert.Equal(2, first.Report!.Accepted);
        var a = await ProductAsync(user, catalogId, "A1");
        var b = await ProductAsync(user, catalogId, "B2");

        var unchanged = await refresh.RefreshAsync(user.UserId, catalogId, CancellationToken.None);
        Assert.False(unchanged.Changed);

        await PutSourceAsync(user, catalogId, Header + "A1,绿茶,tea,12,CNY,,\nB2,Mug,cups,5,USD,,\n");
        var second = await refresh.RefreshAsync(user.UserId, catalogId, CancellationToken.None);
        Assert.True(second.Changed);
        Assert.Equal(1, second.Report!.Unchanged);
        var a2 = await ProductAsync(user, catalogId, "A1");
        var b2 = await ProductAsync(user, catalogId, "B2");
        Assert.Equal(12m, a2.GetProperty("price").GetDecimal());
        Assert.NotEqual(a.GetProperty("content_hash").GetString(), a2.GetProperty("content_hash").GetString());
        Assert.Equal(b.GetProperty("content_hash").GetString(), b2.GetProperty("content_hash").GetString());
        Assert.Equal(b.GetProperty("updated_at").GetDateTimeOffset(), b2.GetProperty("updated_at").GetDateTimeOffset());

        var catalog = (await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, $"/api/v1/catalogs/{catalogId}", user.AccessToken)), HttpStatusCode.OK, 0))
            .GetProperty("data");
        Assert.Equal(JsonValueKind.Null, catalog.GetProperty("source").GetProperty("error").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, catalog.GetProperty("source").GetProperty("checked_at").ValueKind);
    }
}
