using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Serverless.Functions.Accounts;

/// <summary>Access tokens: HS256 JWTs signed with a key from configuration (Key Vault in Azure).</summary>
public sealed class JwtOptions : IValidatableObject
{
    public const string Section = "Auth:Jwt";

    /// <summary>HS256 needs a key at least as long as its 256-bit hash.</summary>
    public const int MinSigningKeyBytes = 32;

    [Required]
    public string Issuer { get; set; } = "serverless-studio";

    [Required]
    public string Audience { get; set; } = "serverless-studio-api";

    /// <summary>The signing secret (at least 32 bytes of UTF-8); never logged.</summary>
    [Required]
    public string SigningKey { get; set; } = "";

    /// <summary>Short, so a stolen token is worth little and a signed-out session ends soon on every instance.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "01:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Encoding.UTF8.GetByteCount(SigningKey) < MinSigningKeyBytes)
        {
            yield return new ValidationResult($"Auth:Jwt:SigningKey must be at least {MinSigningKeyBytes} bytes.", [nameof(SigningKey)]);
        }
    }
}
