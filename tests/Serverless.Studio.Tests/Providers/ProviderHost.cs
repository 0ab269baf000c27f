using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Studio.Providers;
using Serverless.Studio.ShotImages;
using Serverless.Studio.Speech;
using Serverless.Testing.Providers;

namespace Serverless.Studio.Tests.Providers;

/// <summary>The providers wired as the app wires them: offline fakes registered as AddStudio does, then AddStudioProviders.</summary>
public sealed class ProviderHost : IDisposable
{
    private ProviderHost(ServiceProvider services, CountingShotImages images, CountingSpeech speech, CapturedLogs logs)
    {
        Logs = logs;
        Services = services;
        OfflineImages = images;
        OfflineSpeech = speech;
    }

    public ServiceProvider Services { get; }

    public CountingShotImages OfflineImages { get; }

    public CountingSpeech OfflineSpeech { get; }

    public CapturedLogs Logs { get; }

    /// <summary>With an endpoint, all three deployments point at the fake server, without SDK retries, 10 s timeout.</summary>
    public static ProviderHost Create(Uri? endpoint, params (string Key, string Value)[] settings) => Create(endpoint, null, settings);

    /// <summary>As above, with the providers' clock (circuit breaks and timeouts) replaced.</summary>
    public static ProviderHost Create(Uri? endpoint, TimeProvider? time, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>();
        if (endpoint is not null)
        {
            values["AzureOpenAI:Endpoint"] = endpoint.ToString();
            values["AzureOpenAI:ApiKey"] = FakeAzureOpenAIServer.ApiKey;
            values["AzureOpenAI:ChatDeployment"] = "chat";
            values["AzureOpenAI:ImageDeployment"] = "images";
            values["AzureOpenAI:SpeechDeployment"] = "tts";
            values["AzureOpenAI:MaxRetries"] = "0";
            values["AzureOpenAI:Timeout"] = "00:00:10";
        }

        foreach (var (key, value) in settings)
        {
            values["AzureOpenAI:" + key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var images = new CountingShotImages();
        var speech = new CountingSpeech();
        var logs = new CapturedLogs();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging(b => b.AddProvider(logs));
        services.AddSingleton<IShotImageGenerator>(images);
        services.AddSingleton<ISpeechSynthesizer>(speech);
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddStudioProviders();
        return new ProviderHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }), images, speech, logs);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public void Dispose() => Services.Dispose();
}
