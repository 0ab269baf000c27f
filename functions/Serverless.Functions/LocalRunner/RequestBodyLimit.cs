using Microsoft.AspNetCore.Http.Features;
using Serverless.Functions.Api;
using Serverless.Studio.Pipeline;

namespace Serverless.Functions.LocalRunner;

/// <summary>
/// Bodies over <see cref="ApplicationServiceExtensions.MaxRequestBodyBytes"/> (a product import: its own larger limit) answer 413 in the envelope. A client that
/// writes its whole body before reading (Python's urllib does) would meet a connection reset, not the answer, if the
/// server closed with the body unread; so a declared over-size body up to <see cref="MaxDiscardedBytes"/> is read and
/// thrown away first. Past that the 413 is sent at once and the connection closed: reading more costs more than the
/// client is owed.
/// </summary>
public static class RequestBodyLimit
{
    public const long MaxDiscardedBytes = 64 * 1024 * 1024;

    /// <summary>The server-wide limit Kestrel enforces; the API's own is applied per request.</summary>
    public const long ServerLimit = MaxDiscardedBytes;

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var max = ApplicationServiceExtensions.MaxBodyBytesFor(http.Request.Path);
            if (http.Request.ContentLength is { } length && length > max)
            {
                await RefuseAsync(http, length, max);
                return;
            }

            // A body without a declared length (chunked) meets the API's limit while it is read: the same 413.
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = max;
            }

            await next(http);
        });

    private static async Task RefuseAsync(HttpContext http, long length, long max)
    {
        if (length <= MaxDiscardedBytes)
        {
            await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted);
        }
        else
        {
            http.Response.Headers.Connection = "close";
        }

        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await http.Response.WriteAsJsonAsync(
            ApiResults.Envelope(http, ErrorCodes.InvalidParameters, $"The request body is too large: at most {max} bytes.", null),
            http.RequestAborted);
    }
}
