using Serverless.Functions.Api;
using Serverless.Studio.Catalog;

namespace Serverless.Functions.Catalog;

public static class AudioApi
{
    public static IEndpointRouteBuilder MapAudioApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/audio/bgm", (HttpContext http, CatalogStore catalog) => ListAsync(http, catalog, CatalogKinds.Music))
            .RequireAuthorization().WithName("ListBackgroundMusic").Answers<ApiPage<CatalogItemView>>().Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized);
        routes.MapGet("/api/v1/audio/sound-effects", (HttpContext http, CatalogStore catalog) => ListAsync(http, catalog, CatalogKinds.SoundEffect))
            .RequireAuthorization().WithName("ListSoundEffects").Answers<ApiPage<CatalogItemView>>().Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized);
        return routes;
    }

    /// <summary>The catalog as last refreshed, optionally one <c>category</c>.</summary>
    private static async Task<IResult> ListAsync(HttpContext http, CatalogStore catalog, string kind)
    {
        var (page, problem) = PageRequest.Read(http, 50);
        if (problem is not null)
        {
            return problem;
        }

        var category = http.Request.Query["category"].ToString();
        if (category.Length > 64)
        {
            return ApiResults.BadRequest(http, "category", "at most 64 characters");
        }

        var entries = await catalog.ListAsync(kind, http.RequestAborted);
        var chosen = entries
            .Where(e => category.Length == 0 || string.Equals(e.Category, category, StringComparison.OrdinalIgnoreCase))
            .Select(CatalogItemView.Of)
            .ToList();
        return ApiResults.Ok(http, page!.Cut(chosen));
    }
}
