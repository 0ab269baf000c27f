using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Serverless.Functions.Hosting;

namespace Serverless.Functions.Tests.Security;

/// <summary>Deploying with a secret copied from the samples, left as an unresolved Key Vault reference, or typed by hand.</summary>
public sealed class PlaceholderSecretTests
{
    [Fact]
    public async Task Outside_development_the_app_refuses_to_start_naming_each_weak_secret()
    {
        await using var app = new PlaceholderSecretsAppFactory();

        var failure = Record.Exception(() => app.CreateClient());

        Assert.NotNull(failure);
        var messages = string.Join("\n", Flatten(failure).Select(e => e.Message));
        Assert.True(messages.Contains("Auth:Jwt:SigningKey is an unresolved", StringComparison.Ordinal), messages);
        Assert.Contains("Auth:Jwt:SigningKey is an unresolved Key Vault reference", messages, StringComparison.Ordinal);
        Assert.Contains("Auth:ApiKeys:0:Key is a sample value", messages, StringComparison.Ordinal);
        Assert.Contains("Auth:ApiKeys:1:Key has fewer than 16 distinct characters", messages, StringComparison.Ordinal);
        Assert.Contains("Cosmos:Key is a sample value", messages, StringComparison.Ordinal);
        // The error names the setting, never the secret.
        Assert.DoesNotContain(PlaceholderSecretsAppFactory.WeakKey, messages, StringComparison.Ordinal);
    }

    [Fact]
    public void A_generated_key_passes_and_sample_values_do_not()
    {
        Assert.Null(SecretSettingsValidation.Problem("Auth:Jwt:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        Assert.Null(SecretSettingsValidation.Problem("Auth:ApiKeys:0:Key", "sk_local_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24))));
        Assert.All(SecretSettingsValidation.SampleValues, sample => Assert.NotNull(SecretSettingsValidation.Problem("Cosmos:Key", sample)));
        Assert.NotNull(SecretSettingsValidation.Problem("ConnectionStrings:Storage", "@Microsoft.KeyVault(VaultName=v;SecretName=s)"));
        // Connection strings are judged on being real, not on their letters.
        Assert.Null(SecretSettingsValidation.Problem("Storage:ConnectionString", "DefaultEndpointsProtocol=https;AccountName=a"));
    }

    private static IEnumerable<Exception> Flatten(Exception e) =>
        e is AggregateException aggregate
            ? aggregate.InnerExceptions.SelectMany(Flatten).Prepend(e)
            : e.InnerException is { } inner ? Flatten(inner).Prepend(e) : [e];

    private sealed class PlaceholderSecretsAppFactory : StudioAppFactory
    {
        public const string WeakKey = "sk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

        protected override bool DurableEngineRuns => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("Auth:Jwt:SigningKey", "@Microsoft.KeyVault(SecretUri=https://studio.vault.azure.net/secrets/jwt-signing-key/)");
            builder.UseSetting("Auth:ApiKeys:0:Key", "<generate one: echo sk_local_$(openssl rand -hex 24)>");
            builder.UseSetting("Auth:ApiKeys:0:UserId", "operator");
            builder.UseSetting("Auth:ApiKeys:1:Key", WeakKey);
            builder.UseSetting("Auth:ApiKeys:1:UserId", "operator-2");
            // What appsettings.Development.json would have given, so the start gets as far as the secrets.
            builder.UseSetting("Cosmos:Endpoint", "https://127.0.0.1:8081/");
            builder.UseSetting("Cosmos:AcceptLocalEmulatorCertificate", "true");
            builder.UseSetting("Cosmos:Key", "Y29zbW9zZGItc2VydmVyIGFjY2VwdHMgYW55IGtleTsgdGhpcyBvbmUgaXMgbm90IGEgc2VjcmV0");
        }
    }
}
