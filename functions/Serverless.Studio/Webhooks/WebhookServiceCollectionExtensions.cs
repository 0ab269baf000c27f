using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Studio.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.AllowedNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), "Webhooks:AllowedNetworks holds CIDR networks such as 10.20.0.0/16.")
            .Validate(o => o.TrustedCertificateThumbprints.All(t => t.Replace(":", "", StringComparison.Ordinal) is { Length: 64 } hex && hex.All(char.IsAsciiHexDigit)),
                "Webhooks:TrustedCertificateThumbprints holds SHA-256 thumbprints, 64 hex digits.")
            .ValidateOnStart();
        services.AddSingleton<OutboundAddressGuard>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<WebhookService>();
        return services;
    }
}
