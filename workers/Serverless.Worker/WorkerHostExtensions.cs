using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Serverless.Contracts.Transport;
using Serverless.Media;
using Serverless.Media.Probing;
using Serverless.Media.Rendering;
using Serverless.Worker.Completion;
using Serverless.Worker.Configuration;
using Serverless.Worker.Diagnostics;
using Serverless.Worker.Inference;
using Serverless.Worker.Jobs;
using Serverless.Worker.Progress;
using Serverless.Worker.Speech;
using Serverless.Worker.Storage;

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
        services.AddSingleton(sp => sp.GetRequiredService<StorageAccount>().CreateBlobs());
        services.AddJobTransport(builder.Configuration, sp => sp.GetRequiredService<StorageAccount>().CreateQueues());

        services.AddSingleton<IBlobStore, AzureBlobStore>();

        services.AddOptions<SpeechOptions>().BindConfiguration(SpeechOptions.Section).ValidateDataAnnotations()
            .Validate(o => string.IsNullOrEmpty(o.VadModelPath) || File.Exists(o.VadModelPath), "Speech:VadModelPath names no file.")
            .ValidateOnStart();
        services.AddOptions<InferenceOptions>().BindConfiguration(InferenceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<InferenceOptions>, ExecutionProviderCheck>();
        services.AddSingleton<ModelStore>();
        services.AddSingleton<ModelCatalog>();
        services.AddSingleton<IInferenceKind, SpeechSegmentsKind>();
        services.AddHttpClient<InferenceCompletionNotifier>().AddStandardResilienceHandler();
        services.AddTransient<InferenceJobHandler>();
        services.AddHostedService<InferenceJobListener>();
        services.AddSingleton<VoiceAlignment>();
        services.AddSingleton<MediaProbe>();
        services.AddSingleton<IVideoRenderer, FfmpegVideoRenderer>();
        services.AddSingleton<Jobs.JobLook>();
        services.AddHttpClient<ICompletionNotifier, HttpCompletionNotifier>().AddStandardResilienceHandler();
        services.AddHttpClient<ProgressNotifier>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<RenderJobHandler>();
        services.AddHostedService<RenderJobListener>();
        services.AddSingleton<WorkerActivity>();
        services.AddHostedService<IdleExit>();

        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(WorkerTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(WorkerTelemetry.Name));
        return builder;
    }
}
