using System.ComponentModel.DataAnnotations;

namespace Serverless.Durable;

/// <summary>Settings of the HTTP management endpoints (configuration section <c>Durable</c>).</summary>
public sealed class DurableHttpOptions
{
    public const string Section = "Durable";

    /// <summary>Secret that signs per-instance management URLs; at least 32 characters, never logged.</summary>
    [Required, MinLength(32)]
    public string SigningKey { get; set; } = "";
}
