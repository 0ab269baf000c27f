using System.ComponentModel.DataAnnotations;

namespace Serverless.Studio.Webhooks;

/// <summary>How webhooks are delivered and where they may go.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Wait before the second attempt; each later wait is <see cref="BackoffCoefficient"/> times the one before.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1.0, 10.0)]
    public double BackoffCoefficient { get; set; } = 2.0;

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxRetryInterval { get; set; } = TimeSpan.FromHours(2);

    /// <summary>After this long since the first attempt, a delivery stops retrying and is marked failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "3.00:00:00")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long one attempt may take, connect to last byte.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a delivery stays in the log after its last write (the Cosmos DB item's TTL). The local emulator
    /// (cosmosdb-server) stores the ttl; no test relies on it expiring anything.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan DeliveryRetention { get; set; } = TimeSpan.FromDays(30);

    [Range(1, 100)]
    public int MaxSubscriptionsPerUser { get; set; } = 20;

    /// <summary>Largest URL accepted, in characters.</summary>
    [Range(16, 4096)]
    public int MaxUrlLength { get; set; } = 2048;

    /// <summary>Allow plain http:// targets (local development); https only otherwise.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Allow loopback targets (127.0.0.0/8, ::1). On only in the Development configuration.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>
    /// Networks in CIDR notation (<c>10.20.0.0/16</c>) that are allowed although private, link-local or loopback:
    /// an operator's own receivers inside a virtual network.
    /// </summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>
    /// SHA-256 thumbprints (hex) of server certificates trusted although no trusted root signed them: a test's own
    /// HTTPS server on loopback. Empty by default; a certificate that chains to a trusted root needs no entry.
    /// </summary>
    public List<string> TrustedCertificateThumbprints { get; set; } = [];
}
