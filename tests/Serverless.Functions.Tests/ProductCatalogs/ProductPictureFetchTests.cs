using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Tests.Accounts;
using Serverless.Studio.ProductCatalogs;

namespace Serverless.Functions.Tests.ProductCatalogs;

/// <summary>
/// A product picture fetched from its URL into storage, over plain HTTP on loopback (which Development's outbound guard
/// allows, as for webhooks): the bytes decide the type, and what is not a picture fails with its reason.
/// </summary>
public sealed class ProductPictureFetchTests(AccountsAppFactory app) : IClassFixture<AccountsAppFactory>
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0];

    [Fact]
    public async Task A_picture_url_is_fetched_typed_by_its_bytes_and_moves_the_hash_and_a_page_that_is_no_picture_fails()
    {
        var (server, url) = Triggers.WebhookReceiver.Listen("/pictures/");
        using var listening = server;
        var serving = Task.Run(async () =>
        {
            for (var i = 0; i < 2; i++)
            {
                var context = await server.GetContextAsync();
                var body = context.Request.Url!.AbsolutePath.EndsWith(".jpg", StringComparison.Ordinal) ? Jpeg : "<html>no</html>"u8.ToArray();
                context.Response.ContentType = "image/jpeg";
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        });
        var store = app.Services.GetRequiredService<ProductCatalogStore>();
        var pictures = app.Services.GetRequiredService<ProductPictures>();
        var user = "u-" + Guid.NewGuid().ToString("N");

        async Task<Product> PendingAsync(string sku, string pictureUrl)
        {
            var product = ProductImport.Merge(user, "cat_pictures", null,
                new ProductData(sku, "Cup", "cups", 3m, "USD", [], pictureUrl, new Dictionary<string, string>()), DateTimeOffset.UtcNow);
            await store.UpsertProductAsync(product);
            return product;
        }

        var cup = await PendingAsync("CUP-1", url + "cup.jpg");
        var fetched = await pictures.FetchAsync(cup, CancellationToken.None);
        Assert.Equal(PictureFetch.Fetched, fetched.PictureFetch!.Status);
        var picture = Assert.Single(fetched.Pictures);
        Assert.Equal("image/jpeg", picture.ContentType);
        Assert.Equal(Jpeg.Length, picture.SizeBytes);
        Assert.NotEqual(cup.ContentHash, fetched.ContentHash);
        Assert.Equal(fetched.ContentHash, (await store.FindProductAsync(user, "cat_pictures", "CUP-1"))!.ContentHash);

        var page = await PendingAsync("PAGE-2", url + "page.html");
        var failed = await pictures.FetchAsync(page, CancellationToken.None);
        Assert.Equal(PictureFetch.Failed, failed.PictureFetch!.Status);
        Assert.Contains("not a PNG, JPEG or WebP", failed.PictureFetch.Reason);
        Assert.Empty(failed.Pictures);
        await serving;
    }
}
