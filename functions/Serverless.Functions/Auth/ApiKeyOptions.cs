using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;

namespace Serverless.Functions.Auth;

/// <summary>
/// The operator's bootstrap API keys, from configuration (Key Vault in Azure): each names the user it acts for and
/// carries the admin role unless configured otherwise. Users' own keys are issued by <c>POST /api/v1/keys</c>.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Auth";

    public List<ApiKeyEntry> ApiKeys { get; set; } = [];

    /// <summary>The configured key the secret is, compared by SHA-256 digest in constant time; null when it is none of them.</summary>
    public ApiKeyEntry? Find(string secret)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        return ApiKeys.FirstOrDefault(k => CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(k.Key)), digest));
    }
}

public sealed class ApiKeyEntry
{
    [Required, MinLength(24)]
    public string Key { get; set; } = "";

    [Required]
    public string UserId { get; set; } = "";

    [Required, RegularExpression("^(user|creator|admin)$")]
    public string Role { get; set; } = Serverless.Studio.Accounts.UserRoles.Admin;
}
