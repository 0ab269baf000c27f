using Microsoft.AspNetCore.DataProtection;

namespace Serverless.Studio.Providers.Records;

/// <summary>
/// Encrypts provider API keys with ASP.NET Core data protection. Each owner gets its own purpose, so a ciphertext
/// copied into another user's record does not decrypt there.
/// </summary>
public sealed class ProviderKeyProtector(IDataProtectionProvider protection)
{
    private const string Purpose = "Serverless.Studio.Providers.ApiKey.v1";

    public string Protect(string userId, string apiKey) => For(userId).Protect(apiKey);

    /// <summary>The plain key, for the call to the provider only; it is never logged or answered.</summary>
    public string Reveal(ProviderRecord record) => For(record.UserId).Unprotect(record.ProtectedApiKey);

    private IDataProtector For(string userId) => protection.CreateProtector(Purpose, userId);
}
