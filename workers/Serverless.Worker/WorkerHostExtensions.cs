using Serverless.Contracts;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Serverless.Media;
using Serverless.Media.Probing;
using Serverless.Media.Rendering;
using Serverless.Worker.Configuration;
using Serverless.Media.Footage;
using Serverless.Media.Speech;
using Serverless.Worker.Diagnostics;
using Serverless.Worker.Footage;
using Serverless.Worker.Inference;
using Serverless.Worker.Jobs;
using Serverless.Worker.Results;
using Serverless.Worker.Speech;
using Serverless.Worker.Storage;
using Serverless.Worker.Transport;

namespace Serverless.Worker;

public static class WorkerHostExtensions
{
    /// <summary>Everything the render worker needs, bound from configuration and validated when the host starts.</summary>
    public static IHostApplicationBuilder AddRenderWorker(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<WorkerOptions>().BindConfiguration(WorkerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section).ValidateDataAnnotations()
            .Validate(o => string.IsNullOrEmpty(o.FfmpegFolder) || File.Exists(Path.Combine(o.FfmpegFolder, "ffmpeg")), "Media:FfmpegFolder holds no ffmpeg.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MediaOptions>, SubtitleFontCheck>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MediaOptions>>().Value);

        services.AddOptions<WorkerStorageOptions>().BindConfiguration(WorkerStorageOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkerStorageOptions>, StorageSettingsCheck>();
        services.AddSingleton<StorageAccount>();
        services.AddJobReceiver(builder.Configuration);
        services.AddSingleton<JobResultQueue>();
        services.AddSingleton<EndedOrchestrations>();

        services.AddSingleton<IBlobStore, AzureBlobStore>();

        services.AddOptions<SpeechOptions>().BindConfiguration(SpeechOptions.Section).ValidateDataAnnotations()
            .Validate(o => string.IsNullOrEmpty(o.VadModelPath) || File.Exists(o.VadModelPath), "Speech:VadModelPath names no file.")
            .ValidateOnStart();
        services.AddOptions<InferenceOptions>().BindConfiguration(InferenceOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.ModelDigests.Values.All(d => d.Length == 64 && d.All(char.IsAsciiHexDigit)), "Inference:ModelDigests:* must be SHA-256 digests (64 hex digits).")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<InferenceOptions>, ExecutionProviderCheck>();
        services.AddSingleton<ModelStore>();
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<IInferenceKind, SpeechSegmentsKind>();
        services.AddTransient<InferenceJobHandler>();
        services.AddHostedService<InferenceJobListener>();
        services.AddSingleton<VadModel>();
        services.AddSingleton<VoiceAlignment>();
        services.AddSingleton<MediaProbe>();
        services.AddSingleton<IVideoRenderer, FfmpegVideoRenderer>();
        services.AddSingleton<SegmentJoiner>();
        services.AddSingleton<Serverless.Media.Quality.VideoSelfCheck>();
        services.AddSingleton<Jobs.JobLook>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<RenderJobHandler>();
        services.AddHostedService<RenderJobListener>();
        services.AddSingleton(sp => new PocketsphinxRecognizer());
        services.AddSingleton<FootageAnalyzer>();
        services.AddSingleton<ClipRenderer>();
        services.AddTransient<FootageAnalysisHandler>();
        services.AddTransient<ClipRenderHandler>();
        services.AddHostedService<FootageJobListener>();
        services.AddSingleton<WorkerActivity>();
        services.AddHostedService<IdleExit>();

        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(WorkerTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(WorkerTelemetry.Name));
        return builder;
    }

    /// <summary>
    /// The Azure clients, each registered once through the Azure client factory with one credential
    /// (DefaultAzureCredential; AZURE_CLIENT_ID names the managed identity), and the <see cref="IJobReceiver"/> that
    /// <c>Transport:Kind</c> names: Service Bus (<see cref="ServiceBusProcessor"/>) or, by default, Storage queues.
    /// </summary>
    public static IServiceCollection AddJobReceiver(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TransportOptions>().BindConfiguration(TransportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var serviceBus = configuration[$"{TransportOptions.Section}:{nameof(TransportOptions.Kind)}"] == TransportOptions.ServiceBusKind;
        services.AddAzureClients(clients =>
        {
            clients.AddClient<BlobServiceClient, BlobClientOptions>((options, credential, sp) => sp.GetRequiredService<StorageAccount>().CreateBlobs(options, credential));
            // Results go back on a storage queue whichever transport brings the jobs.
            clients.AddClient<QueueServiceClient, QueueClientOptions>((options, credential, sp) => sp.GetRequiredService<StorageAccount>().CreateQueues(options, credential));
            if (serviceBus)
            {
                clients.AddClient<ServiceBusClient, ServiceBusClientOptions>((options, credential, sp) =>
                {
                    var settings = sp.GetRequiredService<IOptions<TransportOptions>>().Value.ServiceBus;
                    return string.IsNullOrWhiteSpace(settings.ConnectionString)
                        ? new ServiceBusClient(settings.FullyQualifiedNamespace, credential, options)
                        : new ServiceBusClient(settings.ConnectionString, options);
                });
            }
        });

        if (serviceBus)
        {
            services.AddSingleton<IJobReceiver, ServiceBusJobReceiver>();
        }
        else
        {
            services.AddSingleton<IJobReceiver, StorageQueueJobReceiver>();
        }

        return services;
    }
}
