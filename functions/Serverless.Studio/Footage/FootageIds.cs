using System.Security.Cryptography;

namespace Serverless.Studio.Footage;

/// <summary>Ids of footage (<c>ftg_</c> and 16 hex digits) and of their clips.</summary>
public static class FootageIds
{
    public const string Prefix = "ftg_";

    public static string NewFootageId() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static string NewClipId() => "clp_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public static bool IsFootageId(string value) =>
        value.StartsWith(Prefix, StringComparison.Ordinal) && value.Length == Prefix.Length + 16 && value[Prefix.Length..].All(char.IsAsciiHexDigitLower);
}
