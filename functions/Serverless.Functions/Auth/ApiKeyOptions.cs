using System.ComponentModel.DataAnnotations;

namespace Serverless.Functions.Auth;

/// <summary>
/// The operator's bootstrap API keys, from configuration (Key Vault in Azure): each names the user it acts for and
/// carries the admin role unless configured otherwise. Users' own keys are issued by <c>POST /api/v1/keys</c>.
/// </summary>
public sealed class ApiKeyOptions
{
    public const string Section = "Auth";

    public List<ApiKeyEntry> ApiKeys { get; set; } = [];
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
