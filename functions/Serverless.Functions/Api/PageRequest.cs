namespace Serverless.Functions.Api;

/// <summary><c>page</c> (from 1) and <c>page_size</c> (1-100) query parameters, and the page they cut from a list.</summary>
public sealed record PageRequest(int Page, int PageSize)
{
    public const int MaxPageSize = 100;

    /// <summary>Reads the query; an out-of-range value is a 400 naming the parameter.</summary>
    public static (PageRequest? Page, IResult? Problem) Read(HttpContext http, int defaultPageSize = 20)
    {
        var page = 1;
        var size = defaultPageSize;
        if (http.Request.Query.TryGetValue("page", out var p) && (!int.TryParse(p, out page) || page is < 1 or > 10_000))
        {
            return (null, ApiResults.BadRequest(http, "page", "a whole number from 1 to 10000"));
        }

        if (http.Request.Query.TryGetValue("page_size", out var s) && (!int.TryParse(s, out size) || size is < 1 or > MaxPageSize))
        {
            return (null, ApiResults.BadRequest(http, "page_size", $"a whole number from 1 to {MaxPageSize}"));
        }

        return (new PageRequest(page, size), null);
    }

    /// <summary>The envelope's <c>data</c> for one page: items plus where they sit in the whole.</summary>
    public ApiPage<T> Cut<T>(IReadOnlyList<T> all) =>
        new(all.Skip((Page - 1) * PageSize).Take(PageSize).ToList(), Page, PageSize, all.Count);
}
