using System.Buffers.Text;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.ProductCatalogs;

namespace Serverless.Functions.ProductCatalogs;

/// <summary>The products of a user's catalog, one at a time, and their pictures.</summary>
public sealed class ProductFunctions(ProductCatalogService catalogs, ProductCatalogStore store, ProductPictures pictures, ProductPictureWork pictureWork)
{
    private const int MaxContinuationLength = 4096;

    [Function("ListProducts")]
    [Answers<ProductPage>]
    [FailsOnOwnedResource]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/catalogs/{catalogId}/products")] HttpRequest req, string catalogId)
    {
        var http = req.HttpContext;
        var size = 50;
        if (http.Request.Query.TryGetValue("page_size", out var s) && (!int.TryParse(s, out size) || size is < 1 or > PageRequest.MaxPageSize))
        {
            return ApiResults.BadRequest(http, "page_size", $"a whole number from 1 to {PageRequest.MaxPageSize}");
        }

        string? continuation = null;
        var given = http.Request.Query["continuation"].ToString();
        if (given.Length > 0 && (given.Length > MaxContinuationLength || (continuation = Decode(given)) is null))
        {
            return ApiResults.BadRequest(http, "continuation", "the continuation of an earlier page, unchanged");
        }

        var userId = http.User.UserId();
        if (catalogId.Length > ProductCatalogFunctions.MaxIdLength || await catalogs.FindAsync(userId, catalogId, http.RequestAborted) is null)
        {
            return ApiResults.NotFound(http, ProductCatalogFunctions.Catalog(catalogId));
        }

        if (await store.ListProductsAsync(userId, catalogId, size, continuation, http.RequestAborted) is not { } page)
        {
            return ApiResults.BadRequest(http, "continuation", "the continuation of an earlier page, unchanged");
        }

        return ApiResults.Ok(http, new ProductPage(page.Items.Select(ProductView.Of).ToList(), page.Continuation is { } next ? Encode(next) : null));
    }

    [Function("CreateProduct")]
    [Takes<ProductRequest>]
    [Answers<ProductView>(StatusCodes.Status201Created)]
    [FailsOnOwnedResource]
    public async Task<IResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/catalogs/{catalogId}/products")] HttpRequest req, string catalogId) =>
        await SaveAsync(req, catalogId, sku: null, StatusCodes.Status201Created);

    [Function("GetProduct")]
    [Answers<ProductView>]
    [FailsOnOwnedResource]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/catalogs/{catalogId}/products/{sku}")] HttpRequest req, string catalogId, string sku)
    {
        var http = req.HttpContext;
        return catalogId.Length <= ProductCatalogFunctions.MaxIdLength
            && await store.FindProductAsync(http.User.UserId(), catalogId, sku, http.RequestAborted) is { } product
            ? ApiResults.Ok(http, ProductView.Of(product))
            : ApiResults.NotFound(http, Product(sku));
    }

    /// <summary>Creates or replaces the product of this SKU (the body's own <c>sku</c>, if any, is the route's).</summary>
    [Function("PutProduct")]
    [Takes<ProductRequest>]
    [Answers<ProductView>]
    [FailsOnOwnedResource]
    public async Task<IResult> PutAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/catalogs/{catalogId}/products/{sku}")] HttpRequest req, string catalogId, string sku) =>
        await SaveAsync(req, catalogId, sku, StatusCodes.Status200OK);

    [Function("DeleteProduct")]
    [Answers<ProductCatalogDeleted>]
    [FailsOnOwnedResource]
    public async Task<IResult> DeleteAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/catalogs/{catalogId}/products/{sku}")] HttpRequest req, string catalogId, string sku)
    {
        var http = req.HttpContext;
        var userId = http.User.UserId();
        return catalogId.Length <= ProductCatalogFunctions.MaxIdLength
            && await store.FindProductAsync(userId, catalogId, sku, http.RequestAborted) is not null
            && await store.DeleteProductAsync(userId, catalogId, sku, http.RequestAborted)
            ? ApiResults.Ok(http, new ProductCatalogDeleted(sku, Deleted: true), "deleted")
            : ApiResults.NotFound(http, Product(sku));
    }

    /// <summary>The product's own picture, the body being the image (PNG, JPEG or WebP, told from its bytes).</summary>
    [Function("PutProductPicture")]
    [TakesFile<byte[]>("image/png", "image/jpeg", "image/webp", "application/octet-stream")]
    [Answers<ProductView>]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound, StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IResult> PutPictureAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/catalogs/{catalogId}/products/{sku}/picture")] HttpRequest req, string catalogId, string sku)
    {
        var http = req.HttpContext;
        if (catalogId.Length > ProductCatalogFunctions.MaxIdLength)
        {
            return ApiResults.NotFound(http, Product(sku));
        }

        var outcome = await pictures.UploadAsync(http.User.UserId(), catalogId, sku, req.Body, http.RequestAborted);
        return OutcomeResults.From(http, outcome, Product(sku), p => ApiResults.Ok(http, ProductView.Of(p)));
    }

    private async Task<IResult> SaveAsync(HttpRequest req, string catalogId, string? sku, int status)
    {
        var http = req.HttpContext;
        var (body, problem) = await JsonBody.ReadAsync<ProductRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var userId = http.User.UserId();
        var outcome = catalogId.Length <= ProductCatalogFunctions.MaxIdLength
            ? await catalogs.SaveProductAsync(userId, catalogId, body!.ToRow(sku), http.RequestAborted)
            : Serverless.Studio.Projects.Outcome<Product>.NotFound();
        if (outcome.Value?.PictureFetch?.Status == PictureFetch.Pending)
        {
            await pictureWork.RequestAsync(userId, catalogId, http.RequestAborted);
        }

        return OutcomeResults.From(http, outcome, ProductCatalogFunctions.Catalog(catalogId),
            p => Results.Json(ApiResults.Envelope(http, 0, status == StatusCodes.Status201Created ? "created" : "ok", ProductView.Of(p)), statusCode: status));
    }

    // The database's continuation is JSON; it travels base64url-encoded so it sits in a query string as it is.
    private static string Encode(string continuation) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(continuation));

    private static string? Decode(string given)
    {
        var bytes = new byte[Base64Url.GetMaxDecodedLength(given.Length)];
        return Base64Url.TryDecodeFromChars(given, bytes, out var written) ? Encoding.UTF8.GetString(bytes, 0, written) : null;
    }

    private static string Product(string sku) => $"Product '{(sku.Length <= 64 ? sku : sku[..64] + "…")}'";
}
