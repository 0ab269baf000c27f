using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Serverless.Durable;

/// <summary>
/// Signs and checks per-instance management URLs. The <c>code</c> query parameter is an HMAC of the instance id,
/// so a holder (a render worker, a webhook caller) can act on that one instance and on nothing else.
/// </summary>
public sealed class DurableHttpManagement(IOptions<DurableHttpOptions> options)
{
    public const string DefaultPrefix = "/runtime/webhooks/durabletask";

    public HttpManagementPayload CreateHttpManagementPayload(string instanceId, Uri baseUri)
    {
        var code = Code(instanceId);
        var instance = InstanceUrl(baseUri, instanceId);
        return new HttpManagementPayload(
            instanceId,
            new Uri($"{instance}?code={code}"),
            $"{instance}/raiseEvent/{{eventName}}?code={code}",
            new Uri($"{instance}/terminate?reason={{text}}&code={code}"),
            new Uri($"{instance}?code={code}"));
    }

    public Uri CreateSendEventUri(string instanceId, string eventName, Uri baseUri) =>
        new($"{InstanceUrl(baseUri, instanceId)}/raiseEvent/{Uri.EscapeDataString(eventName)}?code={Code(instanceId)}");

    /// <summary>202 Accepted with Location (the status query) and the management URLs, as Durable Functions answers a start.</summary>
    public IResult CreateCheckStatusResponse(HttpRequest request, string instanceId)
    {
        var payload = CreateHttpManagementPayload(instanceId, new Uri($"{request.Scheme}://{request.Host}{request.PathBase}"));
        return Results.Accepted(payload.StatusQueryGetUri.AbsoluteUri, payload);
    }

    public bool IsAuthorized(string instanceId, string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Code(instanceId));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(code));
    }

    private string Code(string instanceId)
    {
        var key = Encoding.UTF8.GetBytes(options.Value.SigningKey);
        return WebEncoders.Base64UrlEncode(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("instance:" + instanceId)));
    }

    /// <summary>
    /// The base may be the site (the default prefix is added, after any path base) or already the management
    /// prefix itself.
    /// </summary>
    private static string InstanceUrl(Uri baseUri, string instanceId)
    {
        var path = baseUri.AbsolutePath.TrimEnd('/');
        var management = path.EndsWith(DefaultPrefix, StringComparison.OrdinalIgnoreCase) ? path : path + DefaultPrefix;
        return $"{baseUri.GetLeftPart(UriPartial.Authority)}{management}/instances/{Uri.EscapeDataString(instanceId)}";
    }
}
