using Microsoft.Extensions.Options;

namespace Serverless.Functions.Hosting;

/// <summary>
/// The configured values of every secret setting, by configuration path: the JWT signing key, the operator's API
/// keys, the Cosmos key and any other setting named like a key, secret, password or connection string.
/// </summary>
public sealed class SecretSettings
{
    /// <summary>Last path segments that name a secret whose strength we can judge.</summary>
    private static readonly HashSet<string> KeyNames = new(StringComparer.OrdinalIgnoreCase) { "SigningKey", "Key", "ApiKey", "Secret", "ClientSecret", "Password" };

    public Dictionary<string, string> Values { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Keys and secrets are judged on strength too; connection strings only on being real.</summary>
    public static bool IsKey(string path) => KeyNames.Contains(path[(path.LastIndexOf(':') + 1)..]);

    public static bool IsSecret(string path)
    {
        var name = path[(path.LastIndexOf(':') + 1)..];
        return KeyNames.Contains(name)
            || name.Equals("ConnectionString", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase);
    }

    public static void Collect(SecretSettings settings, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var (path, value) in configuration.AsEnumerable())
        {
            if (!string.IsNullOrEmpty(value) && IsSecret(path))
            {
                settings.Values[path] = value;
            }
        }
    }
}

/// <summary>
/// Outside Development, refuses to start with a secret that is a sample value, an unresolved Key Vault reference or
/// too weak to be a generated key: each passes the length checks, and each would let anyone who read our samples in.
/// Errors name the setting, never its value.
/// </summary>
public sealed class SecretSettingsValidation(IHostEnvironment environment) : IValidateOptions<SecretSettings>
{
    /// <summary>A generated key of 32 random bytes, base64 or hex, has far more; a word or a pattern has fewer.</summary>
    public const int MinDistinctCharacters = 16;

    /// <summary>The values our samples ship: local.settings.sample.json's placeholders and appsettings.Development.json's emulator key.</summary>
    public static readonly IReadOnlySet<string> SampleValues = new HashSet<string>(StringComparer.Ordinal)
    {
        "<generate one: openssl rand -base64 32>",
        "<generate one: echo sk_local_$(openssl rand -hex 24)>",
        "Y29zbW9zZGItc2VydmVyIGFjY2VwdHMgYW55IGtleTsgdGhpcyBvbmUgaXMgbm90IGEgc2VjcmV0",
        "UseDevelopmentStorage=true",
    };

    public ValidateOptionsResult Validate(string? name, SecretSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (environment.IsDevelopment())
        {
            return ValidateOptionsResult.Success;
        }

        var failures = options.Values.Select(p => Problem(p.Key, p.Value)).OfType<string>().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>What is wrong with the setting at <paramref name="path"/>, or null.</summary>
    public static string? Problem(string path, string value)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        if (trimmed.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
        {
            return $"{path} is an unresolved Key Vault reference: grant the app's identity access to the vault, or set the value itself.";
        }

        if (SampleValues.Contains(trimmed) || (trimmed.StartsWith('<') && trimmed.EndsWith('>')))
        {
            return $"{path} is a sample value from the repository: generate a secret of its own for this deployment.";
        }

        if (SecretSettings.IsKey(path) && trimmed.Distinct().Count() < MinDistinctCharacters)
        {
            return $"{path} has fewer than {MinDistinctCharacters} distinct characters: generate a random key (openssl rand -base64 32).";
        }

        return null;
    }
}
