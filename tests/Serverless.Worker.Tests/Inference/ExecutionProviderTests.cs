using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Serverless.Media;
using Serverless.Media.Inference;
using Serverless.Media.Speech;
using Serverless.Worker.Inference;
using Serverless.Testing;

namespace Serverless.Worker.Tests.Inference;

/// <summary>
/// Inference:ExecutionProvider picks where models run. These machines have the CPU build of ONNX Runtime, so "cuda"
/// must stop the worker at start with a clear reason, unless Inference:FallbackToCpu lets it run on the CPU.
/// </summary>
public sealed class ExecutionProviderTests
{
    [Fact]
    public void This_build_of_onnx_runtime_has_no_cuda_provider()
    {
        Assert.Contains("CPUExecutionProvider", ExecutionProviders.Available());
        Assert.NotNull(ExecutionProviders.CudaProblem(0));
    }

    [Fact]
    public async Task Cuda_without_cuda_stops_the_worker_at_start_naming_the_setting()
    {
        using var host = Build(new() { ["Inference:ExecutionProvider"] = "cuda" });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Inference:ExecutionProvider is cuda, but this ONNX Runtime build has no CUDA execution provider", failure.Message);
        Assert.Contains("Inference:FallbackToCpu=true", failure.Message);
    }

    [Fact]
    public async Task Cuda_with_fallback_runs_the_model_on_the_cpu()
    {
        var container = InferenceFixtures.UniqueName("models");
        var temp = Directory.CreateTempSubdirectory("provider-").FullName;
        await InferenceFixtures.RequireAzuriteAsync();
        var models = new BlobServiceClient(InferenceFixtures.Storage).GetBlobContainerClient(container);
        await models.CreateAsync();
        try
        {
            await models.GetBlobClient("silero_vad_v5.onnx").UploadAsync(SourceTree.SileroVadModel());
            using var host = Build(new()
            {
                ["Inference:ExecutionProvider"] = "cuda",
                ["Inference:FallbackToCpu"] = "true",
                ["Inference:ModelsContainer"] = container,
                ["Inference:ModelDigests:silero_vad_v5"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(SourceTree.SileroVadModel()))),
                ["Worker:TempRoot"] = temp,
            });
            await host.StartAsync();

            var catalog = host.Services.GetRequiredService<ModelCatalog>();
            Assert.Equal(ExecutionProvider.Cpu, catalog.Settings.Provider);
            using var vad = new SileroVad(await catalog.OpenAsync("silero_vad_v5", CancellationToken.None), host.Services.GetRequiredService<MediaOptions>());
            var segments = await vad.DetectAsync(await InferenceFixtures.SpeechClipAsync(temp, 0.5));
            Assert.NotEmpty(segments);
            await host.StopAsync();
        }
        finally
        {
            await models.DeleteIfExistsAsync();
            Directory.Delete(temp, recursive: true);
        }
    }

    [Theory]
    [InlineData("Inference:ExecutionProvider", "tpu", "Inference:ExecutionProvider must be cpu or cuda")]
    [InlineData("Inference:GraphOptimization", "max", "Inference:GraphOptimization must be disabled, basic, extended or all")]
    public async Task A_wrong_inference_setting_stops_the_worker_at_start(string key, string value, string reason)
    {
        using var host = Build(new() { [key] = value });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(reason, failure.Message);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        settings["ConnectionStrings:Storage"] = InferenceFixtures.Storage;
        settings["Worker:Queue"] = InferenceFixtures.UniqueName("unused");
        settings["Worker:PollWait"] = "00:00:01";
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddRenderWorker();
        return builder.Build();
    }
}
