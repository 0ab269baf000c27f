using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.Contracts.Transport;
using Serverless.Studio.Accounts;
using Serverless.Studio.Assets;
using Serverless.Studio.Characters;
using Serverless.Studio.Catalog;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Projects;
using Serverless.Studio.Providers;
using Serverless.Studio.ShotImages;
using Serverless.Studio.Speech;
using Serverless.Studio.Storage;
using Serverless.Studio.Storyboards;
using Serverless.Studio.Tasks;
using Serverless.Studio.Videos;
using Serverless.Studio.Webhooks;

namespace Serverless.Studio;

public static class StudioServiceCollectionExtensions
{
    /// <summary>The studio's domain: stores, providers, the video orchestration and its activities.</summary>
    public static IServiceCollection AddStudio(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StudioOptions>().BindConfiguration(StudioOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations()
            .Validate(o => !string.IsNullOrEmpty(o.ConnectionString) || o.BlobServiceUri is not null, "Set Storage:ConnectionString or Storage:BlobServiceUri.")
            .ValidateOnStart();
        services.AddOptions<CosmosOptions>().BindConfiguration(CosmosOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => CreateBlobs(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => CreateQueues(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton(sp => StudioDatabase.CreateClient(sp.GetRequiredService<IOptions<CosmosOptions>>().Value));
        services.AddSingleton<StudioDatabase>();
        services.AddSingleton<AssetStore>();
        services.AddSingleton<ProjectStore>();
        services.AddSingleton<VideoTaskStore>();
        services.AddSingleton<StoryboardStore>();
        services.AddSingleton<TaskQuery>();
        services.AddSingleton<TaskCancellation>();
        services.AddSingleton<VideoService>();
        services.AddSingleton<VideoDownloads>();
        services.AddSingleton<CharacterBibleStore>();
        services.AddSingleton<VoiceChoices>();
        services.AddSingleton<CharacterService>();
        services.AddSingleton<ProjectAssetStore>();
        services.AddSingleton<AssetService>();
        services.AddSingleton<ProjectService>();
        services.AddSingleton<ProjectWork>();
        services.AddSingleton<Shots.ShotWork>();
        services.AddSingleton<Shots.ShotEditor>();
        services.AddSingleton<Subtitles.SubtitleStore>();
        services.AddSingleton<Subtitles.SubtitleService>();
        // Transport:Kind as the worker reads it: Storage queues locally, Service Bus (AMQP) in Azure.
        services.AddJobTransport(configuration, sp => sp.GetRequiredService<QueueServiceClient>());
        services.AddSingleton<StoryboardPlanner>();
        services.AddSingleton<IShotImageGenerator, StoryboardFrameRenderer>();
        services.AddSingleton<ISpeechSynthesizer, EspeakSpeechSynthesizer>();
        services.AddStudioProviders();
        services.AddWebhooks();
        services.AddCatalogAndUploads();
        services.AddStudioAccounts();
        services.AddHostedService<StudioStorageInitializer>();

        return services;
    }

    private static BlobServiceClient CreateBlobs(StorageOptions options) =>
        string.IsNullOrEmpty(options.ConnectionString)
            ? new BlobServiceClient(options.BlobServiceUri, new DefaultAzureCredential())
            : new BlobServiceClient(options.ConnectionString);

    private static QueueServiceClient CreateQueues(StorageOptions options)
    {
        // Base64, as the workers read it (and as the Functions host's queue trigger expects).
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        return string.IsNullOrEmpty(options.ConnectionString)
            ? new QueueServiceClient(options.QueueServiceUri, new DefaultAzureCredential(), queueOptions)
            : new QueueServiceClient(options.ConnectionString, queueOptions);
    }
}
