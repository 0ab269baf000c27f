using System.ComponentModel.DataAnnotations;

namespace Serverless.Functions.Auth;

/// <summary>API keys accepted by the app, each naming the user it acts for.</summary>
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
}
