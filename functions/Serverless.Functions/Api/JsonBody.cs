using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Serverless.Functions.Api;

/// <summary>Reads a JSON body, turning malformed input into a 400 that names the offending field where it can.</summary>
public static class JsonBody
{
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpContext http)
        where T : class
    {
        if (!http.Request.HasJsonContentType())
        {
            return (null, ApiResults.BadRequest(http, "body", "send a JSON body with Content-Type: application/json"));
        }

        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var body = await http.Request.ReadFromJsonAsync<T>(options, http.RequestAborted);
            return body is null ? (null, ApiResults.BadRequest(http, "body", "the body is empty")) : (body, null);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return (null, ApiResults.BadRequest(http, field, "malformed JSON or a value of the wrong type"));
        }
    }
}
