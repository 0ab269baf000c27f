using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Studio.Providers;
using Serverless.Studio.Providers.AzureOpenAI;
using Serverless.Studio.Providers.Fallback;
using Serverless.Studio.Providers.Refinement;
using Serverless.Studio.ShotImages;
using Serverless.Studio.Speech;

namespace Serverless.Studio.Tests.Providers;

/// <summary>Configuration picks the providers; with nothing configured the offline ones answer as before.</summary>
public sealed class ProviderRegistrationTests
{
    [Fact]
    public async Task Without_configuration_the_registered_offline_providers_answer()
    {
        using var host = ProviderHost.Create(endpoint: null);

        Assert.IsType<ShotImageFallback>(host.Get<IShotImageGenerator>());
        Assert.IsType<SpeechFallback>(host.Get<ISpeechSynthesizer>());
        Assert.Equal(CountingShotImages.Marker, await host.Get<IShotImageGenerator>().GenerateAsync(ProviderRequests.Shot()));
        Assert.Equal("offline-fake", (await host.Get<ISpeechSynthesizer>().SynthesizeAsync(ProviderRequests.Line())).Voice);
        var storyboard = ProviderRequests.Storyboard();
        var refined = await host.Get<StoryboardRefinementFallback>().RefineAsync(storyboard);
        Assert.Equal((ProviderNames.Offline, storyboard), (refined.Provider, refined.Value));
    }

    [Fact]
    public async Task Unresolved_key_vault_reference_for_the_endpoint_means_not_configured()
    {
        using var host = ProviderHost.Create(null, ("Endpoint", "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/aoai/)"), ("ImageDeployment", "images"));

        Assert.False(host.Get<IOptions<AzureOpenAIOptions>>().Value.IsConfigured);
        Assert.Equal(ProviderNames.Offline, (await host.Get<ShotImageFallback>().GenerateProvidedAsync(ProviderRequests.Shot())).Provider);
    }

    [Fact]
    public void Unresolved_key_vault_reference_for_the_key_means_sign_in_with_entra_id()
    {
        var options = new AzureOpenAIOptions { Endpoint = "https://x.openai.azure.com/", ApiKey = "@Microsoft.KeyVault(VaultName=kv;SecretName=k)" };

        Assert.Null(options.UsableApiKey);
        Assert.True(options.IsConfigured);
    }

    [Theory]
    [InlineData("http://studio.openai.azure.com/", "https")]
    [InlineData("not a url", "https")]
    [InlineData("https://studio.openai.azure.com/", "none of")]
    public void Invalid_settings_fail_validation(string endpoint, string message)
    {
        var options = new AzureOpenAIOptions { Endpoint = endpoint, ImageDeployment = message == "none of" ? null : "images" };

        var result = new AzureOpenAIOptionsValidation().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_settings_pass_and_loopback_http_is_allowed_for_emulators()
    {
        var validation = new AzureOpenAIOptionsValidation();

        Assert.True(validation.Validate(null, new AzureOpenAIOptions()).Succeeded);
        Assert.True(validation.Validate(null, new AzureOpenAIOptions { Endpoint = "https://studio.openai.azure.com/", ChatDeployment = "gpt-4o" }).Succeeded);
        Assert.True(validation.Validate(null, new AzureOpenAIOptions { Endpoint = "http://127.0.0.1:5000/", SpeechDeployment = "tts" }).Succeeded);
        Assert.True(validation.Validate(null, new AzureOpenAIOptions { Timeout = TimeSpan.Zero }).Failed);
        Assert.True(validation.Validate(null, new AzureOpenAIOptions { BreakAfterFailures = 1 }).Failed);
    }

    [Fact]
    public void Adding_the_providers_twice_does_not_wrap_the_fallback_in_itself()
    {
        var services = new ServiceCollection().AddSingleton<IShotImageGenerator>(new CountingShotImages());
        services.AddStudioProviders();
        var count = services.Count;

        services.AddStudioProviders();

        Assert.Equal(count, services.Count);
    }

    [Fact]
    public async Task After_AddStudio_registrations_the_frame_renderer_and_espeak_stay_the_offline_providers()
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<IShotImageGenerator, StoryboardFrameRenderer>();
        services.AddSingleton<ISpeechSynthesizer, EspeakSpeechSynthesizer>();
        services.AddStudioProviders();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Assert.Single(services, d => d.ServiceType == typeof(IShotImageGenerator));
        Assert.Single(services, d => d.ServiceType == typeof(ISpeechSynthesizer));
        var result = await provider.GetRequiredService<ShotImageFallback>().GenerateProvidedAsync(ProviderRequests.Shot(270, 480));

        Assert.Equal(ProviderNames.Offline, result.Provider);
        using var bitmap = SkiaSharp.SKBitmap.Decode(result.Value);
        Assert.Equal((270, 480), (bitmap.Width, bitmap.Height));
        Assert.IsType<SpeechFallback>(provider.GetRequiredService<ISpeechSynthesizer>());
    }
}
