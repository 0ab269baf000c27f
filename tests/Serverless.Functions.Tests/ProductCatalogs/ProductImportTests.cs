using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Serverless.Functions.Tests.Accounts;
using Serverless.Studio.Pipeline;

namespace Serverless.Functions.Tests.ProductCatalogs;

/// <summary>Importing a catalog over the API against the local stack: rows refused by name, products stored and listed.</summary>
public sealed class ProductImportTests(CatalogApp app) : IClassFixture<CatalogApp>
{
    private readonly HttpClient _client = app.CreateClient();

    /// <summary>
    /// A held-out style shop catalog: Chinese and English names, emoji, quoted fields with commas, a 300-character
    /// name, a missing price, a duplicate SKU, a broken picture URL and a private-address one, among others.
    /// </summary>
    public static string HeldOutCatalog()
    {
        var rows = new[]
        {
            "sku,name,category,price,currency,selling_points,picture_url",
            "TEA-001,龙井绿茶 250g,茶叶,88.00,CNY,明前采摘|清香回甘|礼盒装,",
            "TEA-002,\"Earl Grey, loose leaf\",tea,12.50,USD,Bergamot|Organic,",
            "CUP-003,陶瓷茶杯 ☕ 套装,茶具,129,CNY,手工烧制|六只装,",
            "LONG-004," + new string('长', 300) + ",茶叶,10,CNY,,",
            "MUG-005,Travel mug 🚀,drinkware,,,\"Keeps hot 12h|Leak-proof\",",
            "TEA-001,龙井绿茶 重复,茶叶,90,CNY,,",
            "KET-007,Electric kettle,appliances,39.99,EUR,1.7 L|Auto shut-off,https://pictures.invalid/kettle.png",
            "PRV-008,Private picture,tea,5,USD,,https://192.168.1.20/p.png",
            "BAD-009,Bad price,tea,\"12,5\",EUR,,",
            "CUR-010,Unknown currency,tea,5,XYZ,,",
            ",No sku,tea,5,USD,,",
            "NAM-012,,tea,5,USD,,",
            "HTP-013,Plain http picture,tea,5,USD,,http://example.com/p.png",
            "LOC-014,Cloud metadata picture,tea,5,USD,,https://169.254.169.254/latest/p.png",
            "NEG-015,Negative price,tea,-3,USD,,",
            "BAG-016,帆布购物袋,\"bags, totes\",25,CNY,\"环保|可折叠\",",
            "SET-017,Matcha set 抹茶套装 🍵,tea,199.9,CNY,Ceremonial grade|Whisk included,",
            "BOX-018,\"Gift box \"\"Deluxe\"\"\",gifts,58,CNY,,",
            "CHP-019,Chopsticks,kitchen,3.5,JPY,,",
            "POT-020,紫砂壶,茶具,688,CNY,\"宜兴紫砂|手工, 原矿\",",
        };
        return string.Join("\r\n", rows) + "\r\n";
    }

    private async Task<string> CreateCatalogAsync(TestUser user, string name = "shop")
    {
        var created = await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/catalogs", user.AccessToken, new { name, locale = "zh-CN" })), HttpStatusCode.Created, 0);
        return created.GetProperty("data").GetProperty("id").GetString()!;
    }

    private async Task<HttpResponseMessage> ImportAsync(TestUser user, string catalogId, byte[] body, string contentType)
    {
        var request = ApiClient.Bearer(HttpMethod.Post, $"/api/v1/catalogs/{catalogId}/import", user.AccessToken);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await _client.SendAsync(request);
    }

    private static byte[] Utf8(string text, bool bom) => bom ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);

    private async Task<Dictionary<string, JsonElement>> ProductsAsync(TestUser user, string catalogId, int pageSize = 100)
    {
        var products = new Dictionary<string, JsonElement>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var path = $"/api/v1/catalogs/{catalogId}/products?page_size={pageSize}" + (continuation is null ? "" : "&continuation=" + continuation);
            var page = (await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, path, user.AccessToken)), HttpStatusCode.OK, 0)).GetProperty("data");
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                Assert.True(products.TryAdd(item.GetProperty("sku").GetString()!, item.Clone()), "a product listed twice");
            }

            continuation = page.GetProperty("continuation").GetString();
            Assert.True(++pages < 100, "the continuation never ends");
        }
        while (continuation is not null);
        return products;
    }

    [Fact]
    public async Task The_held_out_catalog_imports_with_each_bad_row_refused_and_named()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var catalogId = await CreateCatalogAsync(user);

        var report = (await ApiClient.ExpectAsync(await ImportAsync(user, catalogId, Utf8(HeldOutCatalog(), bom: true), "text/csv"), HttpStatusCode.OK, 0)).GetProperty("data");

        var refused = report.GetProperty("refused").EnumerateArray()
            .Select(r => (Row: r.GetProperty("row").GetInt32(), Sku: r.GetProperty("sku").GetString(), Reason: r.GetProperty("reason").GetString()!))
            .ToList();
        Assert.Equal([4, 6, 8, 9, 10, 11, 12, 13, 14, 15], refused.Select(r => r.Row));
        Assert.Equal(["LONG-004", "TEA-001", "PRV-008", "BAD-009", "CUR-010", null, "NAM-012", "HTP-013", "LOC-014", "NEG-015"], refused.Select(r => r.Sku));
        Assert.Contains("longer than 200", refused[0].Reason);
        Assert.Contains("duplicate sku (first on row 1)", refused[1].Reason);
        Assert.Contains("not a public address", refused[2].Reason);
        Assert.Contains("price", refused[3].Reason);
        Assert.Contains("unknown currency", refused[4].Reason);
        Assert.Contains("sku is missing", refused[5].Reason);
        Assert.Contains("name is missing", refused[6].Reason);
        Assert.Contains("https", refused[7].Reason);
        Assert.Contains("not a public address", refused[8].Reason);
        Assert.Contains("price", refused[9].Reason);
        Assert.Equal(10, report.GetProperty("accepted").GetInt32());
        Assert.True(report.GetProperty("pictures_pending").GetBoolean());

        var products = await ProductsAsync(user, catalogId, pageSize: 3);
        Assert.Equal(["BAG-016", "BOX-018", "CHP-019", "CUP-003", "KET-007", "MUG-005", "POT-020", "SET-017", "TEA-001", "TEA-002"], products.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("龙井绿茶 250g", products["TEA-001"].GetProperty("name").GetString());
        Assert.Equal(["明前采摘", "清香回甘", "礼盒装"], products["TEA-001"].GetProperty("selling_points").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("Earl Grey, loose leaf", products["TEA-002"].GetProperty("name").GetString());
        Assert.Equal(12.5m, products["TEA-002"].GetProperty("price").GetDecimal());
        Assert.Equal("Travel mug 🚀", products["MUG-005"].GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, products["MUG-005"].GetProperty("price").ValueKind);
        Assert.Equal("Gift box \"Deluxe\"", products["BOX-018"].GetProperty("name").GetString());
        Assert.Equal(["宜兴紫砂", "手工, 原矿"], products["POT-020"].GetProperty("selling_points").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("https://pictures.invalid/kettle.png", products["KET-007"].GetProperty("picture_fetch").GetProperty("url").GetString());

        // The broken picture URL fails the picture, with its reason, and nothing else.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonElement kettle;
        do
        {
            await Task.Delay(200);
            kettle = (await ApiClient.ExpectAsync(
                await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, $"/api/v1/catalogs/{catalogId}/products/KET-007", user.AccessToken)), HttpStatusCode.OK, 0)).GetProperty("data");
        }
        while (kettle.GetProperty("picture_fetch").GetProperty("status").GetString() == "pending" && DateTime.UtcNow < deadline);
        Assert.Equal("failed", kettle.GetProperty("picture_fetch").GetProperty("status").GetString());
        Assert.Contains("does not resolve", kettle.GetProperty("picture_fetch").GetProperty("reason").GetString());
        Assert.Empty(kettle.GetProperty("pictures").EnumerateArray());
    }

    [Fact]
    public async Task With_or_without_a_bom_and_as_json_the_same_products_have_the_same_content_hash_and_a_reimport_changes_nothing()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var withBom = await CreateCatalogAsync(user, "bom");
        var csv = "sku,name,category,price,currency,selling_points,picture_url\nA1,绿茶,tea,12.50,CNY,香|甜,\nB2,Mug ☕,cups,,,,\n";
        await ApiClient.ExpectAsync(await ImportAsync(user, withBom, Utf8(csv, bom: true), "text/csv"), HttpStatusCode.OK, 0);
        var withoutBom = await CreateCatalogAsync(user, "no bom");
        await ApiClient.ExpectAsync(await ImportAsync(user, withoutBom, Utf8(csv, bom: false), "text/csv"), HttpStatusCode.OK, 0);
        var json = await CreateCatalogAsync(user, "json");
        var jsonBody = """[{"sku":"A1","name":"绿茶","category":"tea","price":12.5,"currency":"cny","selling_points":["香","甜"]},{"sku":"B2","name":"Mug ☕","category":"cups","price":null}]""";
        await ApiClient.ExpectAsync(await ImportAsync(user, json, Utf8(jsonBody, bom: true), "application/json"), HttpStatusCode.OK, 0);

        var a = await ProductsAsync(user, withBom);
        var b = await ProductsAsync(user, withoutBom);
        var c = await ProductsAsync(user, json);
        Assert.Equal(["A1", "B2"], a.Keys.Order(StringComparer.Ordinal));
        foreach (var sku in a.Keys)
        {
            Assert.Equal(a[sku].GetProperty("content_hash").GetString(), b[sku].GetProperty("content_hash").GetString());
            Assert.Equal(a[sku].GetProperty("content_hash").GetString(), c[sku].GetProperty("content_hash").GetString());
        }

        var again = (await ApiClient.ExpectAsync(await ImportAsync(user, withBom, Utf8(csv, bom: false), "text/csv"), HttpStatusCode.OK, 0)).GetProperty("data");
        Assert.Equal(2, again.GetProperty("accepted").GetInt32());
        Assert.Equal(2, again.GetProperty("unchanged").GetInt32());

        // One price changes: that product's hash moves, the other's stays.
        var changed = (await ApiClient.ExpectAsync(await ImportAsync(user, withBom, Utf8(csv.Replace("12.50", "13.00", StringComparison.Ordinal), bom: false), "text/csv"), HttpStatusCode.OK, 0)).GetProperty("data");
        Assert.Equal(1, changed.GetProperty("unchanged").GetInt32());
        var after = await ProductsAsync(user, withBom);
        Assert.NotEqual(a["A1"].GetProperty("content_hash").GetString(), after["A1"].GetProperty("content_hash").GetString());
        Assert.Equal(a["B2"].GetProperty("content_hash").GetString(), after["B2"].GetProperty("content_hash").GetString());
    }

    [Fact]
    public async Task Another_users_catalog_and_products_are_not_found_and_cannot_be_written()
    {
        var owner = await ApiClient.RegisterAsync(_client);
        var other = await ApiClient.RegisterAsync(_client);
        var catalogId = await CreateCatalogAsync(owner);
        await ApiClient.ExpectAsync(await ImportAsync(owner, catalogId, Utf8("sku,name\nS1,Secret product\n", bom: false), "text/csv"), HttpStatusCode.OK, 0);

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, $"/api/v1/catalogs/{catalogId}"),
            (HttpMethod.Get, $"/api/v1/catalogs/{catalogId}/products"),
            (HttpMethod.Get, $"/api/v1/catalogs/{catalogId}/products/S1"),
            (HttpMethod.Delete, $"/api/v1/catalogs/{catalogId}/products/S1"),
            (HttpMethod.Delete, $"/api/v1/catalogs/{catalogId}"),
        })
        {
            await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(method, path, other.AccessToken)), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        }

        await ApiClient.ExpectAsync(await ImportAsync(other, catalogId, Utf8("sku,name\nS1,Overwritten\n", bom: false), "text/csv"), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Put, $"/api/v1/catalogs/{catalogId}/products/S1", other.AccessToken, new { name = "Overwritten" })),
            HttpStatusCode.NotFound, ErrorCodes.NotFound);
        var list = (await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/catalogs", other.AccessToken)), HttpStatusCode.OK, 0)).GetProperty("data");
        Assert.Equal(0, list.GetProperty("total").GetInt32());

        var product = (await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, $"/api/v1/catalogs/{catalogId}/products/S1", owner.AccessToken)), HttpStatusCode.OK, 0)).GetProperty("data");
        Assert.Equal("Secret product", product.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Bad_requests_answer_400_with_the_field()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var catalogId = await CreateCatalogAsync(user);

        var noHeader = await ApiClient.ExpectAsync(await ImportAsync(user, catalogId, Utf8("name,price\nx,1\n", bom: false), "text/csv"), HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        Assert.Contains("sku", noHeader.GetProperty("error").GetProperty("reason").GetString());
        await ApiClient.ExpectAsync(await ImportAsync(user, catalogId, Utf8("{\"sku\":\"x\"}", bom: false), "application/json"), HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        await ApiClient.ExpectAsync(await ImportAsync(user, catalogId, Utf8("sku,name\n", bom: false), "text/plain"), HttpStatusCode.UnsupportedMediaType, ErrorCodes.InvalidParameters);
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/catalogs", user.AccessToken, new { name = "" })),
            HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/catalogs", user.AccessToken, new { name = "x", locale = "xx-NOPE-1" })),
            HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, $"/api/v1/catalogs/{catalogId}/products?continuation=bm90LWEtdG9rZW4", user.AccessToken)),
            HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        var price = await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Put, $"/api/v1/catalogs/{catalogId}/products/P1", user.AccessToken, new { name = "Pen", price = 2.5m, currency = "ABC" })),
            HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        Assert.Equal("currency", price.GetProperty("error").GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_product_is_saved_its_picture_uploaded_by_its_bytes_and_it_is_deleted()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var catalogId = await CreateCatalogAsync(user);
        var created = (await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, $"/api/v1/catalogs/{catalogId}/products", user.AccessToken,
            new { sku = "P-1_a.2", name = "Pen 笔", price = 2.5m, currency = "usd", selling_points = new[] { "Smooth" }, attributes = new { color = "blue" } })), HttpStatusCode.Created, 0)).GetProperty("data");
        Assert.Equal("USD", created.GetProperty("currency").GetString());
        var path = $"/api/v1/catalogs/{catalogId}/products/{Uri.EscapeDataString("P-1_a.2")}";

        var notAPicture = ApiClient.Bearer(HttpMethod.Put, path + "/picture", user.AccessToken);
        notAPicture.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("<svg/>"));
        notAPicture.Content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        await ApiClient.ExpectAsync(await _client.SendAsync(notAPicture), HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);

        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];
        var upload = ApiClient.Bearer(HttpMethod.Put, path + "/picture", user.AccessToken);
        upload.Content = new ByteArrayContent(png);
        upload.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var withPicture = (await ApiClient.ExpectAsync(await _client.SendAsync(upload), HttpStatusCode.OK, 0)).GetProperty("data");
        var picture = Assert.Single(withPicture.GetProperty("pictures").EnumerateArray());
        Assert.Equal("image/png", picture.GetProperty("content_type").GetString());
        Assert.Equal(png.Length, picture.GetProperty("size_bytes").GetInt64());
        Assert.NotEqual(created.GetProperty("content_hash").GetString(), withPicture.GetProperty("content_hash").GetString());

        // Saving the same data again keeps the uploaded picture and so the hash.
        var saved = (await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Put, path, user.AccessToken,
            new { name = "Pen 笔", price = 2.50m, currency = "USD", selling_points = new[] { "Smooth" }, attributes = new { color = "blue" } })), HttpStatusCode.OK, 0)).GetProperty("data");
        Assert.Equal(withPicture.GetProperty("content_hash").GetString(), saved.GetProperty("content_hash").GetString());

        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Delete, path, user.AccessToken)), HttpStatusCode.OK, 0);
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, path, user.AccessToken)), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Delete, $"/api/v1/catalogs/{catalogId}", user.AccessToken)), HttpStatusCode.OK, 0);
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, $"/api/v1/catalogs/{catalogId}", user.AccessToken)), HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }
}
