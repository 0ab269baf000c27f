using System.Security.Cryptography;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Media;
using Serverless.Media.Inference;
using Serverless.Media.Speech;
using Serverless.Worker.Configuration;
using Serverless.Worker.Inference;
using Serverless.Testing;

namespace Serverless.Worker.Tests.Inference;

/// <summary>Named models from a models container of the test's own on Azurite: fetched once, cached by ETag, checked, run.</summary>
public sealed class ModelCatalogTests : IAsyncLifetime
{
    private const string Model = "silero_vad_v5";
    private readonly string _container = InferenceFixtures.UniqueName("models");
    private readonly string _temp = Directory.CreateTempSubdirectory("model-catalog-").FullName;
    private readonly DownloadCounter _counter;
    private readonly BlobContainerClient _models;

    public ModelCatalogTests()
    {
        _counter = new DownloadCounter(_container);
        _models = new BlobServiceClient(InferenceFixtures.Storage).GetBlobContainerClient(_container);
    }

    public async Task InitializeAsync()
    {
        await InferenceFixtures.RequireAzuriteAsync();
        await _models.CreateAsync();
    }

    [Fact]
    public async Task A_model_uploaded_by_name_is_fetched_once_cached_by_etag_and_runs()
    {
        var file = SourceTree.SileroVadModel();
        await _models.GetBlobClient(Model + ".onnx").UploadAsync(file);
        await UploadManifestAsync(Model, new { inputs = new[] { "input", "state", "sr" }, outputs = new[] { "output", "stateN" } });
        var clip = await InferenceFixtures.SpeechClipAsync(_temp, leadingSilence: 1.0);

        using (var catalog = Catalog())
        {
            var pool = await catalog.OpenAsync(Model, CancellationToken.None);
            using var vad = new SileroVad(pool, new MediaOptions());
            var segments = await vad.DetectAsync(clip);

            Assert.NotEmpty(segments);
            Assert.Equal(1, _counter.Of(Model + ".onnx"));

            // The same worker asks again: the open pool answers, storage is not asked at all.
            var requests = _counter.Requests;
            Assert.Same(pool, await catalog.OpenAsync(Model, CancellationToken.None));
            Assert.Equal(requests, _counter.Requests);
        }

        // A restarted worker with the same disk: one properties request, no download.
        using (var restarted = Catalog())
        {
            await restarted.OpenAsync(Model, CancellationToken.None);
            Assert.Equal(1, _counter.Of(Model + ".onnx"));
            Assert.Equal(1, _counter.Of(Model + ".json"));
        }

        // The model replaced in storage (a new ETag) is fetched again.
        await _models.GetBlobClient(Model + ".onnx").UploadAsync(file, overwrite: true);
        using (var updated = Catalog())
        {
            await updated.OpenAsync(Model, CancellationToken.None);
            Assert.Equal(2, _counter.Of(Model + ".onnx"));
        }

        Assert.Single(Directory.GetFiles(Path.Combine(_temp, "cache", Model), "*.onnx"));
    }

    [Fact]
    public async Task A_corrupted_model_is_refused_with_a_clear_error()
    {
        var bytes = await File.ReadAllBytesAsync(SourceTree.SileroVadModel());
        Array.Resize(ref bytes, bytes.Length / 2);
        await _models.GetBlobClient("truncated.onnx").UploadAsync(new BinaryData(bytes));
        // Listed as it is (a deployment that pinned a broken file): the digest passes, the load does not.
        using var catalog = Catalog(digests: new() { ["truncated"] = Convert.ToHexStringLower(SHA256.HashData(bytes)) });

        var refused = await Assert.ThrowsAsync<ModelRejectedException>(() => catalog.OpenAsync("truncated", CancellationToken.None));

        Assert.StartsWith("Model 'truncated' is not a loadable ONNX model", refused.Message);
    }

    [Fact]
    public async Task A_model_replaced_in_storage_with_a_manifest_vouching_for_it_is_refused_and_not_kept()
    {
        // Whoever can write the models container writes a manifest too: only the configured digest counts.
        var bytes = await File.ReadAllBytesAsync(SourceTree.SileroVadModel());
        bytes[^1] ^= 0xff;
        await _models.GetBlobClient("tampered.onnx").UploadAsync(new BinaryData(bytes));
        await UploadManifestAsync("tampered", new { sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)) });
        using var catalog = Catalog(digests: new() { ["tampered"] = Sha256(SourceTree.SileroVadModel()) });

        var refused = await Assert.ThrowsAsync<ModelRejectedException>(() => catalog.OpenAsync("tampered", CancellationToken.None));

        Assert.Contains("does not match Inference:ModelDigests:tampered", refused.Message);
        Assert.Empty(Directory.GetFiles(Path.Combine(_temp, "cache", "tampered"), "*.onnx"));
    }

    [Fact]
    public async Task A_model_without_a_configured_digest_is_refused_without_asking_storage()
    {
        await _models.GetBlobClient("unlisted.onnx").UploadAsync(SourceTree.SileroVadModel());
        using var catalog = Catalog();

        var refused = await Assert.ThrowsAsync<ModelRejectedException>(() => catalog.OpenAsync("unlisted", CancellationToken.None));

        Assert.Contains("has no Inference:ModelDigests:unlisted", refused.Message);
        Assert.Equal(0, _counter.Requests);
    }

    [Fact]
    public async Task An_oversized_model_is_refused_before_any_download()
    {
        await _models.GetBlobClient(Model + ".onnx").UploadAsync(SourceTree.SileroVadModel());
        using var catalog = Catalog(maxModelBytes: 64 * 1024);

        var refused = await Assert.ThrowsAsync<ModelRejectedException>(() => catalog.OpenAsync(Model, CancellationToken.None));

        Assert.Contains("over Inference:MaxModelBytes (65536)", refused.Message);
        Assert.Equal(0, _counter.Of(Model + ".onnx"));
    }

    [Fact]
    public async Task A_model_without_the_inputs_its_manifest_declares_is_refused()
    {
        await _models.GetBlobClient("mislabelled.onnx").UploadAsync(SourceTree.SileroVadModel());
        await UploadManifestAsync("mislabelled", new { inputs = new[] { "pixel_values" } });
        using var catalog = Catalog();

        var refused = await Assert.ThrowsAsync<ModelRejectedException>(() => catalog.OpenAsync("mislabelled", CancellationToken.None));

        Assert.Contains("missing inputs [pixel_values]", refused.Message);
    }

    [Theory]
    [InlineData("../secrets")]
    [InlineData("Models/Upper")]
    [InlineData("")]
    public async Task A_name_that_is_not_a_plain_model_name_is_refused_without_asking_storage(string name)
    {
        using var catalog = Catalog();

        await Assert.ThrowsAsync<ModelRejectedException>(() => catalog.OpenAsync(name, CancellationToken.None));

        Assert.Equal(0, _counter.Requests);
    }

    /// <summary>The catalog with every model these tests upload listed by its real digest, unless <paramref name="digests"/> says otherwise.</summary>
    private ModelCatalog Catalog(long maxModelBytes = 2L * 1024 * 1024 * 1024, Dictionary<string, string>? digests = null)
    {
        var real = Sha256(SourceTree.SileroVadModel());
        var inference = Options.Create(new InferenceOptions
        {
            ModelsContainer = _container,
            CacheFolder = Path.Combine(_temp, "cache"),
            MaxModelBytes = maxModelBytes,
            ModelDigests = digests ?? new() { [Model] = real, ["mislabelled"] = real },
        });
        var worker = Options.Create(new WorkerOptions { TempRoot = _temp });
        var store = new ModelStore(_counter.Client(), inference, worker, NullLogger<ModelStore>.Instance);
        return new ModelCatalog(store, inference, worker, NullLogger<ModelCatalog>.Instance);
    }

    private Task UploadManifestAsync(string name, object manifest) =>
        _models.GetBlobClient(name + ".json").UploadAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(manifest)), overwrite: true);

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    public async Task DisposeAsync()
    {
        await _models.DeleteIfExistsAsync();
        Directory.Delete(_temp, recursive: true);
    }
}
