using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Serverless.Functions.Studio;

/// <summary>
/// The studio in the browser as the local runner serves it: the single-page app's files (plain ES modules and CSS,
/// copied to <c>studio/</c> beside the app's binaries) at <c>/</c>, with ETags and <c>no-cache</c> so a browser
/// revalidates each file in one round trip and never runs a stale module, and <c>index.html</c> for every client
/// route (<c>/projects/{id}</c>, <c>/sign-in</c>) that is not the API's, the OpenAPI document's or a file's.
/// </summary>
public static class StudioWebApp
{
    /// <summary>The folder under the app's base directory that the build copies <c>Studio/wwwroot</c> into.</summary>
    public const string Folder = "studio";

    private static readonly string[] ServerPrefixes = ["/api", "/openapi", "/scalar", "/metrics"];

    public static string Root => Path.Combine(AppContext.BaseDirectory, Folder);

    public static WebApplication MapStudio(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!File.Exists(Path.Combine(Root, "index.html")))
        {
            return app;
        }

        var files = new PhysicalFileProvider(Root);
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".js"] = "text/javascript; charset=utf-8";
        types.Mappings[".webmanifest"] = "application/manifest+json";
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = types,
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.MapFallback("{*path:nonfile}", async http =>
        {
            if (ServerPrefixes.Any(p => http.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var index = files.GetFileInfo("index.html");
            var etag = $"\"{index.LastModified.UtcTicks:x}-{index.Length:x}\"";
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers.ETag = etag;
            if (http.Request.Headers.IfNoneMatch.ToString() == etag)
            {
                http.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.SendFileAsync(index, http.RequestAborted);
        })
        // Pages are only ever fetched: a POST, PATCH or DELETE that no function takes (say, one without the Content-Type
        // its function consumes) must get the API's own answer, not the page's fallback.
        .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
        .ExcludeFromDescription();
        return app;
    }
}
