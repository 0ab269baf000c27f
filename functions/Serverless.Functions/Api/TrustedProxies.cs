using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Serverless.Functions.Api;

/// <summary>
/// The proxies whose <c>X-Forwarded-For</c> the app believes (section <c>ForwardedHeaders</c>). None by default: a
/// header from anyone else is the caller's own claim, and believing it would let one caller pose as many addresses
/// and dodge the anonymous rate limit. Under the Functions host the host itself forwards on loopback, so a deployment
/// lists <c>127.0.0.1</c> (and its front door's network, if any).
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.4</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many trusted hops to walk back through the header.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    /// <summary>The first entry that is not an address or network, for the start-up error.</summary>
    public string? Unreadable() =>
        KnownProxies.FirstOrDefault(p => !IPAddress.TryParse(p, out _)) ?? KnownNetworks.FirstOrDefault(n => !System.Net.IPNetwork.TryParse(n, out _));
}

/// <summary>Finds the caller's address: the peer, or what trusted proxies say the peer forwarded for.</summary>
public sealed class TrustedProxies
{
    private readonly IReadOnlyList<IPAddress> _proxies;
    private readonly IReadOnlyList<System.Net.IPNetwork> _networks;
    private readonly int _forwardLimit;

    public TrustedProxies(IOptions<ForwardedHeadersSettings> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _proxies = options.Value.KnownProxies.Select(IPAddress.Parse).ToList();
        _networks = options.Value.KnownNetworks.Select(n => System.Net.IPNetwork.Parse(n)).ToList();
        _forwardLimit = options.Value.ForwardLimit;
    }

    /// <summary>ASP.NET Core's own middleware, for the local runner, with the same proxies and none of its loopback defaults.</summary>
    public ForwardedHeadersOptions AspNetCoreOptions()
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = _forwardLimit };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in _proxies)
        {
            options.KnownProxies.Add(proxy);
        }

        foreach (var network in _networks)
        {
            options.KnownIPNetworks.Add(network);
        }

        return options;
    }

    public bool IsTrusted(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return _proxies.Any(p => p.Equals(plain)) || _networks.Any(n => n.Contains(plain));
    }

    /// <summary>
    /// The caller's address: walks <c>X-Forwarded-For</c> from the right while the hop before is a trusted proxy, so a
    /// value the caller wrote itself (always on the left) is never taken unless every proxy after it is ours.
    /// </summary>
    public string ClientAddress(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var current = http.Connection.RemoteIpAddress;
        if (current is null)
        {
            return "unknown";
        }

        var hops = http.Request.Headers["X-Forwarded-For"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (int i = hops.Length - 1, walked = 0; i >= 0 && walked < _forwardLimit && IsTrusted(current); i--, walked++)
        {
            if (!IPAddress.TryParse(hops[i], out var forwarded))
            {
                break;
            }

            current = forwarded;
        }

        return (current.IsIPv4MappedToIPv6 ? current.MapToIPv4() : current).ToString();
    }
}
