using Azure.AI.OpenAI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Studio.Providers.AzureOpenAI;
using Serverless.Studio.Providers.Fallback;
using Serverless.Studio.Providers.Ledger;
using Serverless.Studio.Providers.Records;
using Serverless.Studio.Providers.Refinement;
using Serverless.Studio.Providers.Usage;
using Serverless.Studio.ShotImages;
using Serverless.Studio.Speech;

namespace Serverless.Studio.Providers;

public static class ProviderServiceCollectionExtensions
{
    public const string ShotImagesCapability = "shot-images";
    public const string SpeechCapability = "speech";
    public const string StoryboardCapability = "storyboard-analysis";
    public const string ChatCapability = "chat";
    public const string TranscriptionCapability = "transcription";

    /// <summary>
    /// Puts the registered <see cref="IShotImageGenerator"/> and <see cref="ISpeechSynthesizer"/> (the offline ones
    /// from AddStudio; the frame renderer and espeak-ng if none) behind fallbacks to Azure OpenAI, adds storyboard
    /// analysis (<see cref="StoryboardRefinementFallback"/>) and usage accounting (<see cref="IUsageMeter"/>). Call it
    /// after AddStudio. Without <c>AzureOpenAI:Endpoint</c> every call goes to the offline providers, as before.
    /// </summary>
    public static IServiceCollection AddStudioProviders(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(ShotImageFallback)))
        {
            // Already added: a second call would wrap the fallbacks in themselves.
            return services;
        }

        services.AddOptions<AzureOpenAIOptions>().BindConfiguration(AzureOpenAIOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureOpenAIOptions>, AzureOpenAIOptionsValidation>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IUsageMeter, InMemoryUsageMeter>();
        services.TryAddSingleton(sp => AzureOpenAIClientFactory.Create(Options(sp)));

        var offlineImages = Take<IShotImageGenerator>(services) ?? ServiceDescriptor.Singleton<IShotImageGenerator, StoryboardFrameRenderer>();
        services.AddSingleton(sp =>
        {
            var options = Options(sp);
            return new ShotImageFallback(
                Create<IShotImageGenerator>(sp, offlineImages),
                options.HasImages ? new AzureOpenAIShotImageGenerator(Client(sp).GetImageClient(options.ImageDeployment)) : null,
                NewFallback(sp, new FallbackCapability(ShotImagesCapability, ProviderCapabilities.Image, options.HasImages ? options.ImageDeployment : null)),
                sp.GetService<UserProviderCalls>());
        });
        services.AddSingleton<IShotImageGenerator>(sp => sp.GetRequiredService<ShotImageFallback>());

        var offlineSpeech = Take<ISpeechSynthesizer>(services) ?? ServiceDescriptor.Singleton<ISpeechSynthesizer, EspeakSpeechSynthesizer>();
        services.AddSingleton(sp =>
        {
            var options = Options(sp);
            return new SpeechFallback(
                Create<ISpeechSynthesizer>(sp, offlineSpeech),
                options.HasSpeech ? new AzureOpenAISpeechSynthesizer(Client(sp).GetAudioClient(options.SpeechDeployment), options) : null,
                NewFallback(sp, new FallbackCapability(SpeechCapability, ProviderCapabilities.Speech, options.HasSpeech ? options.SpeechDeployment : null)),
                sp.GetService<UserProviderCalls>());
        });
        services.AddSingleton<ISpeechSynthesizer>(sp => sp.GetRequiredService<SpeechFallback>());

        services.TryAddSingleton<RulesStoryboardRefiner>();
        services.AddSingleton(sp =>
        {
            var options = Options(sp);
            return new StoryboardRefinementFallback(
                sp.GetRequiredService<RulesStoryboardRefiner>(),
                options.HasChat ? new AzureOpenAIStoryboardRefiner(Client(sp).GetChatClient(options.ChatDeployment), options) : null,
                NewFallback(sp, new FallbackCapability(StoryboardCapability, ProviderCapabilities.Chat, options.HasChat ? options.ChatDeployment : null)));
        });

        services.AddSingleton(sp =>
        {
            var options = Options(sp);
            return new ChatFallback(
                options.HasChat ? Client(sp).GetChatClient(options.ChatDeployment) : null,
                options.HasChat ? options.ChatDeployment : null,
                NewFallback(sp, new FallbackCapability(ChatCapability, ProviderCapabilities.Chat, options.HasChat ? options.ChatDeployment : null)),
                sp.GetService<UserProviderCalls>());
        });

        services.AddSingleton(sp =>
        {
            var options = Options(sp);
            return new TranscriptionFallback(
                options.HasTranscription ? new AzureOpenAITranscriber(Client(sp).GetAudioClient(options.TranscriptionDeployment)) : null,
                NewFallback(sp, new FallbackCapability(TranscriptionCapability, ProviderCapabilities.Transcription, options.HasTranscription ? options.TranscriptionDeployment : null)));
        });

        return services;
    }

    private static AzureOpenAIOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<AzureOpenAIOptions>>().Value;

    private static AzureOpenAIClient Client(IServiceProvider sp) => sp.GetRequiredService<AzureOpenAIClient>();

    private static ProviderFallback NewFallback(IServiceProvider sp, FallbackCapability capability)
    {
        var time = sp.GetRequiredService<TimeProvider>();
        var loggers = sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        return new ProviderFallback(
            capability,
            ProviderCircuit.Create(Options(sp), time),
            sp.GetRequiredService<IUsageMeter>(),
            sp.GetService<ProviderBilling>(),
            time,
            loggers.CreateLogger($"{typeof(ProviderFallback).FullName}.{capability.Name}"));
    }

    /// <summary>Removes the non-keyed registrations of <typeparamref name="T"/> and returns the one that was in effect (the last).</summary>
    private static ServiceDescriptor? Take<T>(IServiceCollection services)
    {
        var registered = services.Where(d => d.ServiceType == typeof(T) && !d.IsKeyedService).ToList();
        foreach (var descriptor in registered)
        {
            services.Remove(descriptor);
        }

        return registered.LastOrDefault();
    }

    private static T Create<T>(IServiceProvider sp, ServiceDescriptor descriptor)
        where T : class =>
        descriptor.ImplementationInstance as T
        ?? descriptor.ImplementationFactory?.Invoke(sp) as T
        ?? (T)ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType ?? throw new InvalidOperationException($"Cannot build the offline {typeof(T).Name}."));
}
