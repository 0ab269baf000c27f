using Azure.Data.Tables;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.Studio.Accounts;
using Serverless.Studio.Assets;
using Serverless.Studio.Characters;
using Serverless.Studio.Catalog;
using Serverless.Studio.CatalogBatches;
using Serverless.Studio.Footage;
using Serverless.Studio.Jobs;
using Serverless.Studio.Pipeline;
using Serverless.Studio.ProductCatalogs;
using Serverless.Studio.Projects;
using Serverless.Studio.Providers;
using Serverless.Studio.Providers.Records;
using Serverless.Studio.ShotImages;
using Serverless.Studio.Speech;
using Serverless.Studio.Storage;
using Serverless.Studio.Storyboards;
using Serverless.Studio.Tasks;
using Serverless.Studio.VideoTemplates;
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
        services.AddStudioAzureClients(configuration);
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
        services.AddSingleton<CharacterVoiceSamples>();
        services.AddSingleton<CharacterService>();
        services.AddSingleton<ProjectAssetStore>();
        services.AddSingleton<AssetService>();
        services.AddSingleton<ProjectService>();
        services.AddOptions<Screenplays.ScriptLimitOptions>().BindConfiguration(Screenplays.ScriptLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Screenplays.ScriptLimits>();
        services.AddSingleton<ProjectWork>();
        services.AddSingleton<Shots.ShotWork>();
        services.AddSingleton<Shots.ShotEditor>();
        services.AddSingleton<Shots.ShotAssetRecorder>();
        services.AddSingleton<Subtitles.SubtitleStore>();
        services.AddSingleton<Subtitles.SubtitleService>();
        services.AddFootage();
        services.AddJobSender(configuration);
        services.AddSingleton<IssuedJobs>();
        services.AddSingleton<RenderJobQueue>();
        // Raises the orchestrations' events through the DurableTaskClient the function app registers (Serverless.TaskHub's).
        services.AddSingleton<JobResultIntake>();
        services.AddSingleton<StoryboardPlanner>();
        services.AddSingleton<IShotImageGenerator, StoryboardFrameRenderer>();
        services.AddSingleton<ISpeechSynthesizer, EspeakSpeechSynthesizer>();
        services.AddStudioProviders();
        services.AddWebhooks();
        services.AddProviderRecords();
        services.AddSingleton<Conversations.ConversationStore>();
        services.AddSingleton<Conversations.ConversationService>();
        services.AddSingleton<Images.ImageStore>();
        services.AddSingleton<Images.ImageService>();
        services.AddCatalogAndUploads();
        services.AddProductCatalogs();
        services.AddStudioAccounts();
        services.AddVideoTemplates();
        services.AddCatalogBatches();
        services.AddSingleton<ScriptDrafts.ScriptWriter>();
        services.AddSingleton<ScriptDrafts.ScriptDraftService>();
        services.AddHostedService<StudioStorageInitializer>();

        return services;
    }

    /// <summary>
    /// The <see cref="IJobSender"/> that <c>Transport:Kind</c> names, as the worker's receiver reads it: Service Bus
    /// (<see cref="ServiceBusSender"/>) in Azure or, by default, Storage queues (Azurite locally).
    /// </summary>
    public static IServiceCollection AddJobSender(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TransportOptions>().BindConfiguration(TransportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        if (IsServiceBus(configuration))
        {
            services.AddSingleton<IJobSender, ServiceBusJobSender>();
        }
        else
        {
            services.AddSingleton<IJobSender, StorageQueueJobSender>();
        }

        return services;
    }

    /// <summary>
    /// Blob, queue, table and (with Transport:Kind service-bus) Service Bus clients, each registered once through the Azure
    /// client factory: a connection string (Azurite locally) or the service URIs with the app's identity
    /// (DefaultAzureCredential; AZURE_CLIENT_ID names it).
    /// </summary>
    private static void AddStudioAzureClients(this IServiceCollection services, IConfiguration configuration)
    {
        var serviceBus = IsServiceBus(configuration);
        services.AddAzureClients(clients =>
        {
            clients.UseCredential(_ => new DefaultAzureCredential());
            clients.AddClient<BlobServiceClient, BlobClientOptions>((options, credential, sp) =>
            {
                var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
                return string.IsNullOrEmpty(storage.ConnectionString)
                    ? new BlobServiceClient(storage.BlobServiceUri, credential, options)
                    : new BlobServiceClient(storage.ConnectionString, options);
            });
            clients.AddClient<QueueServiceClient, QueueClientOptions>((options, credential, sp) =>
            {
                // Base64, as the workers read it (and as the Functions host's queue trigger expects).
                options.MessageEncoding = QueueMessageEncoding.Base64;
                var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
                return string.IsNullOrEmpty(storage.ConnectionString)
                    ? new QueueServiceClient(storage.QueueServiceUri, credential, options)
                    : new QueueServiceClient(storage.ConnectionString, options);
            });
            clients.AddClient<TableServiceClient, TableClientOptions>((options, credential, sp) =>
            {
                var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
                return string.IsNullOrEmpty(storage.ConnectionString)
                    ? new TableServiceClient(storage.TableServiceUri, credential, options)
                    : new TableServiceClient(storage.ConnectionString, options);
            });
            if (serviceBus)
            {
                clients.AddClient<ServiceBusClient, ServiceBusClientOptions>((options, credential, sp) =>
                {
                    var bus = sp.GetRequiredService<IOptions<TransportOptions>>().Value.ServiceBus;
                    return string.IsNullOrWhiteSpace(bus.ConnectionString)
                        ? new ServiceBusClient(bus.FullyQualifiedNamespace, credential, options)
                        : new ServiceBusClient(bus.ConnectionString, options);
                });
            }
        });
    }

    private static bool IsServiceBus(IConfiguration configuration) =>
        configuration[$"{TransportOptions.Section}:{nameof(TransportOptions.Kind)}"] == TransportOptions.ServiceBusKind;
}
