using System.Security.Cryptography;
using System.Text;
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

    private static string InstanceUrl(Uri baseUri, string instanceId) =>
        $"{baseUri.GetLeftPart(UriPartial.Authority)}{DefaultPrefix}/instances/{Uri.EscapeDataString(instanceId)}";
}
