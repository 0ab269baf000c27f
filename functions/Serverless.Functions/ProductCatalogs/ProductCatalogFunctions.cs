using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.ProductCatalogs;

namespace Serverless.Functions.ProductCatalogs;

/// <summary>A user's product catalogs and their import.</summary>
public sealed class ProductCatalogFunctions(ProductCatalogService catalogs, ProductImport import, ProductPictureWork pictures, IOptions<ProductCatalogOptions> options)
{
    /// <summary>Longest id the routes look up; anything longer is no catalog of ours.</summary>
    public const int MaxIdLength = 64;

    [Function("CreateProductCatalog")]
    [Takes<ProductCatalogRequest>]
    [Answers<ProductCatalogView>(StatusCodes.Status201Created)]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status409Conflict)]
    public async Task<IResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/catalogs")] HttpRequest req)
    {
        var http = req.HttpContext;
        var (body, problem) = await JsonBody.ReadAsync<ProductCatalogRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await catalogs.CreateAsync(http.User.UserId(), body!.ToDraft(), http.RequestAborted);
        return OutcomeResults.From(http, outcome, "Catalog", c =>
            Results.Json(ApiResults.Envelope(http, 0, "created", ProductCatalogView.Of(c)), statusCode: StatusCodes.Status201Created));
    }

    [Function("ListProductCatalogs")]
    [Answers<ApiPage<ProductCatalogView>>]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/catalogs")] HttpRequest req)
    {
        var http = req.HttpContext;
        var (page, problem) = PageRequest.Read(http);
        if (problem is not null)
        {
            return problem;
        }

        var (items, total) = await catalogs.ListAsync(http.User.UserId(), page!.Page, page.PageSize, http.RequestAborted);
        return ApiResults.Ok(http, new ApiPage<ProductCatalogView>(items.Select(ProductCatalogView.Of).ToList(), page.Page, page.PageSize, total));
    }

    [Function("GetProductCatalog")]
    [Answers<ProductCatalogView>]
    [FailsOnOwnedResource]
    public async Task<IResult> GetAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/catalogs/{catalogId}")] HttpRequest req, string catalogId) =>
        await FindAsync(req.HttpContext, catalogId) is { } catalog
            ? ApiResults.Ok(req.HttpContext, ProductCatalogView.Of(catalog))
            : ApiResults.NotFound(req.HttpContext, Catalog(catalogId));

    [Function("DeleteProductCatalog")]
    [Answers<ProductCatalogDeleted>]
    [FailsOnOwnedResource]
    public async Task<IResult> DeleteAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/catalogs/{catalogId}")] HttpRequest req, string catalogId) =>
        catalogId.Length <= MaxIdLength && await catalogs.DeleteAsync(req.HttpContext.User.UserId(), catalogId, req.HttpContext.RequestAborted)
            ? ApiResults.Ok(req.HttpContext, new ProductCatalogDeleted(catalogId, Deleted: true), "deleted")
            : ApiResults.NotFound(req.HttpContext, Catalog(catalogId));

    /// <summary>
    /// Imports products from the body as it streams in: CSV (<c>text/csv</c>) or a JSON array (<c>application/json</c>),
    /// answering rows accepted and refused (row = 1-based data row, the header not counted).
    /// </summary>
    [Function("ImportProducts")]
    [TakesFile<ProductRequest[]>("text/csv", "application/json")]
    [Answers<ImportReportView>]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IResult> ImportAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/catalogs/{catalogId}/import")] HttpRequest req, string catalogId)
    {
        var http = req.HttpContext;
        var format = FormatOf(req);
        if (format is null)
        {
            return ApiResults.BadRequest(http, "body", "send the products as text/csv or application/json");
        }

        var userId = http.User.UserId();
        if (await FindAsync(http, catalogId) is null)
        {
            return ApiResults.NotFound(http, Catalog(catalogId));
        }

        ImportReport report;
        try
        {
            report = await import.ImportAsync(userId, catalogId,
                ProductFileReader.ReadAsync(format, req.Body, options.Value.MaxRowChars, http.RequestAborted), http.RequestAborted);
        }
        catch (ImportFileException e)
        {
            return ApiResults.BadRequest(http, "body", e.Message);
        }

        if (report.PicturesPending)
        {
            await pictures.RequestAsync(userId, catalogId, http.RequestAborted);
        }

        return ApiResults.Ok(http, ImportReportView.Of(report));
    }

    /// <summary>
    /// Keeps the body (CSV or a JSON array, as for an import) as the catalog's source file: the scheduled refresh
    /// imports it, and each newer version put here after.
    /// </summary>
    [Function("PutProductCatalogSource")]
    [TakesFile<ProductRequest[]>("text/csv", "application/json")]
    [Answers<ProductCatalogView>]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType)]
    public async Task<IResult> PutSourceAsync([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/catalogs/{catalogId}/source")] HttpRequest req, string catalogId)
    {
        var http = req.HttpContext;
        if (FormatOf(req) is not { } format)
        {
            return ApiResults.BadRequest(http, "body", "send the products as text/csv or application/json");
        }

        try
        {
            return catalogId.Length <= MaxIdLength && await catalogs.SetSourceFileAsync(http.User.UserId(), catalogId, format, req.Body, http.RequestAborted) is { } catalog
                ? ApiResults.Ok(http, ProductCatalogView.Of(catalog))
                : ApiResults.NotFound(http, Catalog(catalogId));
        }
        catch (ImportFileException e)
        {
            return ApiResults.Error(http, StatusCodes.Status413PayloadTooLarge, Serverless.Studio.Pipeline.ErrorCodes.InvalidParameters, e.Message);
        }
    }

    private static string? FormatOf(HttpRequest req) => req.ContentType?.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "text/csv" => ProductFileReader.Csv,
        "application/json" => ProductFileReader.Json,
        _ => null,
    };

    /// <summary>The caller's catalog, or null when there is none of that id (another user's included).</summary>
    internal async Task<ProductCatalog?> FindAsync(HttpContext http, string catalogId) =>
        catalogId.Length <= MaxIdLength ? await catalogs.FindAsync(http.User.UserId(), catalogId, http.RequestAborted) : null;

    // The id is the caller's own input; bounded before it is echoed.
    internal static string Catalog(string catalogId) => $"Catalog '{(catalogId.Length <= MaxIdLength ? catalogId : catalogId[..MaxIdLength] + "…")}'";
}
