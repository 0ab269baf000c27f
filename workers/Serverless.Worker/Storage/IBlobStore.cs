using Serverless.Contracts.Rendering;

namespace Serverless.Worker.Storage;

/// <summary>The blob operations a render needs.</summary>
public interface IBlobStore
{
    /// <exception cref="Serverless.Media.InvalidRenderJobException">The blob does not exist.</exception>
    Task DownloadToFileAsync(BlobRef blob, string path, CancellationToken cancellationToken);

    /// <summary>The committed blob, or null when there is none.</summary>
    Task<StoredBlob?> GetAsync(BlobRef blob, CancellationToken cancellationToken);

    /// <summary>Uploads so that readers see either nothing or the whole file, never a partial one.</summary>
    Task UploadAsync(BlobRef blob, string path, string contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken);

    /// <summary>Deletes the blob if it exists.</summary>
    Task DeleteAsync(BlobRef blob, CancellationToken cancellationToken);
}

public sealed record StoredBlob(BlobRef Blob, long SizeBytes, IReadOnlyDictionary<string, string> Metadata);
