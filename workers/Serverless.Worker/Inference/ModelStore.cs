using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Serverless.Media.Inference;
using Serverless.Worker.Configuration;

namespace Serverless.Worker.Inference;

/// <summary>
/// Named models from the models container (<c>{name}.onnx</c>, optional <c>{name}.json</c> manifest), copied to local
/// disk once per blob version: the cache key is the blob's ETag, so a model replaced in storage is fetched again and an
/// unchanged one costs one properties request. A download is bounded by Inference:MaxModelBytes, pinned to the ETag it
/// was sized by, and checked against the SHA-256 configured for it (Inference:ModelDigests) before it is used.
/// </summary>
public sealed class ModelStore(
    BlobServiceClient blobs,
    IOptions<InferenceOptions> options,
    IOptions<WorkerOptions> worker,
    ILogger<ModelStore> logger)
{
    public const string ModelExtension = ".onnx";
    public const string ManifestExtension = ".json";

    public string CacheFolder => string.IsNullOrWhiteSpace(options.Value.CacheFolder)
        ? Path.Combine(worker.Value.ResolvedTempRoot, "models")
        : options.Value.CacheFolder;

    /// <exception cref="ModelRejectedException">No such model or configured digest, too large, or not matching its digest.</exception>
    public async Task<LocalModel> FetchAsync(string name, CancellationToken cancellationToken)
    {
        ModelNames.Check(name);
        var settings = options.Value;
        if (!settings.ModelDigests.TryGetValue(name, out var expected))
        {
            throw new ModelRejectedException($"Model '{name}' has no Inference:ModelDigests:{name}; its SHA-256 comes from the deployment, not from storage.");
        }

        var container = blobs.GetBlobContainerClient(settings.ModelsContainer);
        var folder = Path.Combine(CacheFolder, name);
        Directory.CreateDirectory(folder);

        var manifest = await ManifestAsync(container.GetBlobClient(name + ManifestExtension), name, folder, cancellationToken);
        var blob = container.GetBlobClient(name + ModelExtension);
        var properties = await PropertiesAsync(blob, cancellationToken)
            ?? throw new ModelRejectedException($"Model '{name}' is not in the '{settings.ModelsContainer}' container (no {name}{ModelExtension}).");
        if (properties.ContentLength > settings.MaxModelBytes)
        {
            throw new ModelRejectedException(
                $"Model '{name}' is {properties.ContentLength} bytes, over Inference:MaxModelBytes ({settings.MaxModelBytes}).");
        }

        var path = Path.Combine(folder, Key(properties.ETag) + ModelExtension);
        if (File.Exists(path))
        {
            logger.LogDebug("Model {Model} found in the local cache at version {ETag}", name, properties.ETag);
        }
        else
        {
            await DownloadAsync(blob, properties, path, cancellationToken);
            logger.LogInformation("Fetched model {Model} ({Bytes} bytes) from container {Container}", name, properties.ContentLength, settings.ModelsContainer);
            RemoveOtherVersions(folder, path);
        }

        var actual = await Sha256Async(path, cancellationToken);
        if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(path);
            throw new ModelRejectedException($"Model '{name}' does not match Inference:ModelDigests:{name} (expected {expected}, got {actual}).");
        }

        return new LocalModel(name, path, manifest);
    }

    private async Task<ModelManifest> ManifestAsync(BlobClient blob, string name, string folder, CancellationToken cancellationToken)
    {
        var properties = await PropertiesAsync(blob, cancellationToken);
        if (properties is null)
        {
            return ModelManifest.None;
        }

        if (properties.ContentLength > ModelManifest.MaxBytes)
        {
            throw new ModelRejectedException($"The manifest {name}{ManifestExtension} is over {ModelManifest.MaxBytes} bytes.");
        }

        var path = Path.Combine(folder, Key(properties.ETag) + ManifestExtension);
        if (!File.Exists(path))
        {
            await DownloadAsync(blob, properties, path, cancellationToken);
        }

        try
        {
            await using var file = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<ModelManifest>(file, cancellationToken: cancellationToken) ?? ModelManifest.None;
        }
        catch (JsonException exception)
        {
            File.Delete(path);
            throw new ModelRejectedException($"The manifest {name}{ManifestExtension} is not valid JSON: {exception.Message}", exception);
        }
    }

    private static async Task<BlobProperties?> PropertiesAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Downloads exactly the version that was sized: if the blob changes meanwhile, the service answers 412 and the caller retries.</summary>
    private static async Task DownloadAsync(BlobClient blob, BlobProperties properties, string path, CancellationToken cancellationToken)
    {
        var partial = $"{path}.{Guid.NewGuid():N}.part";
        try
        {
            await blob.DownloadToAsync(partial, new BlobDownloadToOptions { Conditions = new BlobRequestConditions { IfMatch = properties.ETag } }, cancellationToken);
            var length = new FileInfo(partial).Length;
            if (length != properties.ContentLength)
            {
                throw new IOException($"{blob.Name} downloaded as {length} bytes, expected {properties.ContentLength}.");
            }

            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private void RemoveOtherVersions(string folder, string current)
    {
        foreach (var old in Directory.EnumerateFiles(folder, "*" + ModelExtension).Where(f => f != current))
        {
            try
            {
                // A session still using it keeps the file open; on Linux its data lives until that session closes.
                File.Delete(old);
            }
            catch (IOException exception)
            {
                logger.LogWarning(exception, "Could not remove the superseded model file {Path}", old);
            }
        }
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
    }

    /// <summary>An ETag as a file name: its letters and digits.</summary>
    private static string Key(ETag etag)
    {
        var key = new string(etag.ToString().Where(char.IsAsciiLetterOrDigit).ToArray());
        return key.Length > 0 ? key : "unversioned";
    }
}

/// <summary>A model on local disk, verified, with its manifest.</summary>
public sealed record LocalModel(string Name, string Path, ModelManifest Manifest);
