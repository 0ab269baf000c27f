using System.Security.Cryptography;

namespace Serverless.Studio.Accounts;

public static class AccountIds
{
    public static string NewUserId() => "usr_" + RandomHex(10);

    public static string NewSessionId() => "ses_" + RandomHex(12);

    public static string NewApiKeyId() => "key_" + RandomHex(8);

    /// <summary>A secret of 32 random bytes, URL-safe.</summary>
    public static string NewSecret() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Lowercase hex SHA-256 of a secret: what is stored and looked up instead of the secret.</summary>
    public static string Digest(string secret) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
