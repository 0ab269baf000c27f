using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Serverless.Studio.Webhooks;

/// <summary>A webhook target the guard will not reach, with the reason a user may read.</summary>
public sealed class WebhookTargetRefusedException(string message) : HttpRequestException(message);

/// <summary>
/// Keeps webhooks away from the app's own network: loopback, link-local (cloud metadata at 169.254.169.254),
/// private (RFC 1918, ULA), carrier-grade NAT, multicast and unspecified addresses are refused unless an operator
/// allows them. Checked when a URL is registered and again on every connect, on the address actually dialled,
/// so a name that resolves elsewhere later (DNS rebinding) cannot get through.
/// </summary>
public sealed class OutboundAddressGuard
{
    private static readonly IPNetwork[] Loopback = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    private static readonly (IPNetwork Network, string Kind)[] Refused =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified address"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private address"),
        (IPNetwork.Parse("100.64.0.0/10"), "a shared (carrier-grade NAT) address"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local address (cloud metadata lives there)"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private address"),
        (IPNetwork.Parse("192.0.0.0/24"), "a reserved address"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private address"),
        (IPNetwork.Parse("198.18.0.0/15"), "a benchmarking address"),
        (IPNetwork.Parse("224.0.0.0/3"), "a multicast or reserved address"),
        // Azure's platform address (DNS, health probes, the VM agent): reachable from inside every Azure network.
        (IPNetwork.Parse("168.63.129.16/32"), "Azure's platform address"),
        (IPNetwork.Parse("::/128"), "an unspecified address"),
        // NAT64 (well-known and local-use) and 6to4 embed an IPv4 address, private ones included, in a public-looking IPv6 one.
        (IPNetwork.Parse("64:ff9b::/96"), "a NAT64 address"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "a local-use NAT64 address"),
        (IPNetwork.Parse("2002::/16"), "a 6to4 address"),
        (IPNetwork.Parse("fc00::/7"), "a private (unique local) address"),
        (IPNetwork.Parse("fe80::/10"), "a link-local address"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address"),
    ];

    private readonly WebhookOptions _options;
    private readonly IPNetwork[] _allowed;
    private readonly HashSet<string> _trustedThumbprints;

    public OutboundAddressGuard(IOptions<WebhookOptions> options)
    {
        _options = options.Value;
        _allowed = _options.AllowedNetworks.Select(IPNetwork.Parse).ToArray();
        _trustedThumbprints = _options.TrustedCertificateThumbprints.Select(t => t.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant()).ToHashSet();
    }

    /// <summary>What a user is told of a refused address: never the address, which may be one of our own network.</summary>
    public const string NotPublic = "not a public address";

    /// <summary>
    /// Why the address may not be reached (for the log: it names the address and its kind), or null when it may.
    /// Users see only <see cref="NotPublic"/>.
    /// </summary>
    public string? Check(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (_allowed.Any(n => n.Contains(address)))
        {
            return null;
        }

        if (Loopback.Any(n => n.Contains(address)))
        {
            return _options.AllowLoopback ? null : $"{address} is a loopback address";
        }

        foreach (var (network, kind) in Refused)
        {
            if (network.Contains(address))
            {
                return $"{address} is {kind}";
            }
        }

        return null;
    }

    /// <summary>Why the URL may not be used as a webhook target, or null when it may (resolving its host now).</summary>
    public async Task<string?> CheckUrlAsync(string? url, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > _options.MaxUrlLength)
        {
            return $"an absolute URL of at most {_options.MaxUrlLength} characters";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "an absolute http(s) URL";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !_options.AllowHttp)
        {
            return "an https URL";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "a URL without credentials in it";
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.DnsSafeHost, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(uri.DnsSafeHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"a host that resolves ({uri.DnsSafeHost} does not)";
        }

        if (addresses.Length == 0)
        {
            return $"a host that resolves ({uri.DnsSafeHost} does not)";
        }

        // The resolved address and its kind stay out of the answer: echoing them would map our network for the caller.
        return addresses.Select(Check).Any(reason => reason is not null)
            ? $"a public address ({uri.DnsSafeHost} is {NotPublic})"
            : null;
    }

    /// <summary>
    /// The guard's refusal behind a failed request: <see cref="HttpClient"/> wraps what <see cref="ConnectAsync"/> throws
    /// in an <see cref="HttpRequestException"/>, so a refusal is found among the inner exceptions.
    /// </summary>
    public static WebhookTargetRefusedException? RefusalIn(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is WebhookTargetRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    /// <summary>A handler that dials only through <see cref="ConnectAsync"/>: what every request to a user's URL goes through.</summary>
    public SocketsHttpHandler CreateHandler()
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = ConnectAsync,
            // A proxy would be dialled instead of the target, and a redirect would lead past the check.
            UseProxy = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };
        if (_trustedThumbprints.Count > 0)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = IsTrusted;
        }

        return handler;
    }

    /// <summary>
    /// A certificate is trusted as the platform says, or when the operator listed it by thumbprint: then only its chain
    /// may be untrusted, never a name mismatch or a missing certificate.
    /// </summary>
    private bool IsTrusted(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        errors == SslPolicyErrors.None
        || (errors == SslPolicyErrors.RemoteCertificateChainErrors && certificate is not null
            && _trustedThumbprints.Contains(Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()))));

    /// <summary>
    /// <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host itself and dials only addresses that pass,
    /// so the check and the connection use the same address.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endPoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
        var refusals = addresses.Select(a => (Address: a, Reason: Check(a))).ToList();
        var usable = refusals.Where(r => r.Reason is null).Select(r => r.Address).ToArray();
        if (usable.Length == 0)
        {
            // The message reaches the endpoint's delivery log, which its owner reads: the kind, never the address.
            var reason = refusals.Count > 0 ? NotPublic : "it does not resolve";
            throw new WebhookTargetRefusedException($"Refused to connect to {endPoint.Host}: {reason}.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(usable, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
