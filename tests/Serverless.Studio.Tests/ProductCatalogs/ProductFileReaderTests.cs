using System.Text;
using Microsoft.Extensions.Options;
using Serverless.Studio.ProductCatalogs;
using Serverless.Studio.Webhooks;

namespace Serverless.Studio.Tests.ProductCatalogs;

/// <summary>Product files read row by row, and the checks each row must pass.</summary>
public sealed class ProductFileReaderTests
{
    private static readonly ProductRowRules Rules = new(Options.Create(new ProductCatalogOptions()), new OutboundAddressGuard(Options.Create(new WebhookOptions())));

    private static async Task<List<ProductRow>> ReadAsync(string format, byte[] body)
    {
        var rows = new List<ProductRow>();
        await foreach (var row in ProductFileReader.ReadAsync(format, new MemoryStream(body), 4096, CancellationToken.None))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Csv_with_or_without_a_bom_reads_quoted_fields_and_keeps_extra_columns_as_attributes(bool bom)
    {
        var text = "SKU,Name,category,price,currency,selling_points,picture_url,color\r\n" +
            "A1,\"Tea, green \"\"best\"\"\",tea,12.50,cny,\"香|甜\",,green\r\n" +
            "A2,\"two\nlines\",tea,,,,,\r\n";
        byte[] body = bom ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);

        var rows = await ReadAsync(ProductFileReader.Csv, body);

        Assert.Equal([1, 2], rows.Select(r => r.Row));
        Assert.Equal("A1", rows[0].Sku);
        Assert.Equal("Tea, green \"best\"", rows[0].Name);
        Assert.Equal("香|甜", rows[0].SellingPoints);
        Assert.Equal("green", rows[0].Attributes!["color"]);
        Assert.Equal("two\nlines", rows[1].Name);
        var (data, reason) = Rules.Check(rows[0]);
        Assert.Null(reason);
        Assert.Equal(12.50m, data!.Price);
        Assert.Equal("CNY", data.Currency);
        Assert.Equal(["香", "甜"], data.SellingPoints);
    }

    [Fact]
    public async Task An_unclosed_quote_ends_the_reading_with_a_row_that_says_so()
    {
        var rows = await ReadAsync(ProductFileReader.Csv, Encoding.UTF8.GetBytes("sku,name\nA1,ok\nA2,\"never closed\nA3,lost\n"));

        Assert.Equal("A1", rows[0].Sku);
        Assert.Contains("reading stopped", rows[^1].Unreadable);
    }

    [Fact]
    public async Task Json_rows_take_numbers_strings_and_arrays_and_a_non_scalar_price_is_refused()
    {
        var rows = await ReadAsync(ProductFileReader.Json, Encoding.UTF8.GetBytes(
            """[{"sku":"J1","name":"Cup","price":3.10,"currency":"EUR","selling_points":["a","b"],"attributes":{"size":"L","weight":2}}, 5, {"sku":"J3","name":"x","price":{"v":1},"currency":"EUR"}]"""));

        Assert.Equal("3.10", rows[0].Price);
        Assert.Equal("a|b", rows[0].SellingPoints);
        Assert.Equal("2", rows[0].Attributes!["weight"]);
        Assert.Equal("not a JSON object", rows[1].Unreadable);
        Assert.Contains("price", Rules.Check(rows[2]).Reason);
    }

    [Fact]
    public async Task A_body_that_is_not_an_array_or_a_header_without_sku_cannot_be_imported()
    {
        await Assert.ThrowsAsync<ImportFileException>(() => ReadAsync(ProductFileReader.Json, Encoding.UTF8.GetBytes("""{"sku":"x"}""")));
        await Assert.ThrowsAsync<ImportFileException>(() => ReadAsync(ProductFileReader.Csv, Encoding.UTF8.GetBytes("name,price\nx,1\n")));
    }

    [Theory]
    [InlineData("https://10.0.0.8/p.png", "not a public address")]
    [InlineData("https://[::1]/p.png", "not a public address")]
    [InlineData("https://localhost/p.png", "not a public address")]
    [InlineData("ftp://example.com/p.png", "https")]
    [InlineData("https://user:pw@example.com/p.png", "credentials")]
    public void Picture_urls_that_may_not_be_fetched_are_refused(string url, string reason) =>
        Assert.Contains(reason, Rules.Check(new ProductRow(1, "S", "N", null, null, null, null, url)).Reason);

    [Fact]
    public void Names_are_counted_in_characters_not_utf16_units()
    {
        var emoji = string.Concat(Enumerable.Repeat("🍵", 200));
        Assert.Null(Rules.Check(new ProductRow(1, "S", emoji, null, null, null, null, null)).Reason);
        Assert.Contains("longer than 200", Rules.Check(new ProductRow(1, "S", emoji + "x", null, null, null, null, null)).Reason);
    }

    [Fact]
    public void The_content_hash_ignores_how_a_price_is_written_and_moves_with_a_picture()
    {
        var product = new Product
        {
            Id = "c.1", UserId = "u", CatalogId = "c", Sku = "S", Name = "N", Price = 12.5m, Currency = "USD", UpdatedAt = DateTimeOffset.UnixEpoch, ContentHash = "",
        };
        var same = product with { Price = 12.50m, UpdatedAt = DateTimeOffset.UtcNow };
        var withPicture = product with { Pictures = [new ProductPicture(new("assets", "p.png"), "image/png", 3, "abc", ProductPicture.Uploaded)] };

        Assert.Equal(ProductContentHash.Compute(product), ProductContentHash.Compute(same));
        Assert.NotEqual(ProductContentHash.Compute(product), ProductContentHash.Compute(withPicture));
        Assert.NotEqual(ProductContentHash.Compute(product), ProductContentHash.Compute(product with { Price = null }));
    }

    [Fact]
    public void Ad_figures_divide_only_by_what_is_not_zero()
    {
        AdResult Result(string video, decimal spend, decimal gmv, long impressions, long clicks, long conversions) => new()
        {
            Id = video, UserId = "u", CatalogId = "c", Platform = "p", Date = new DateOnly(2026, 11, 1), VideoId = video,
            Spend = spend, Gmv = gmv, Impressions = impressions, Clicks = clicks, Conversions = conversions, ImportedAt = DateTimeOffset.UnixEpoch,
        };

        var figures = AdFigures.Of([Result("v1", 10, 30, 1000, 50, 5), Result("v1", 10, 10, 1000, 30, 3), Result("v2", 0, 0, 0, 0, 0)]);
        Assert.Equal(2, figures.Videos);
        Assert.Equal(80.0 / 2000, figures.Ctr);
        Assert.Equal(8.0 / 80, figures.ConversionRate);
        Assert.Equal(2.0, figures.Roas);

        var none = AdFigures.Of([Result("v3", 0, 0, 0, 0, 0)]);
        Assert.Null(none.Ctr);
        Assert.Null(none.ConversionRate);
        Assert.Null(none.Roas);
    }
}
