using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Serverless.Contracts;
using Serverless.Contracts.Rendering;

namespace Serverless.Studio.Jobs;

/// <summary>
/// A job an orchestration sent to the workers, recorded before it is sent: whose it is and where its output may go.
/// A result is accepted only for a job recorded here, with its output under <see cref="OutputPrefix"/> in
/// <see cref="OutputContainer"/>.
/// </summary>
public sealed record IssuedJob(string InstanceId, string JobId, string UserId, string ProjectId, string OutputContainer, string OutputPrefix)
{
    /// <summary>A render job may write only under its project's renders: <c>renders/{user}/{project}/</c>.</summary>
    public static IssuedJob For(string instanceId, RenderJob job)
    {
        var prefix = Storage.AssetStore.Render(job.UserId, job.ProjectId, "");
        return new(instanceId, job.JobId, job.UserId, job.ProjectId, prefix.Container, prefix.Path);
    }

    /// <summary>A footage job may write only under its footage's folder: <c>footage/{user}/{footage}/</c>.</summary>
    public static IssuedJob For(string instanceId, Contracts.Footage.FootageJob job)
    {
        var (footageId, container) = job switch
        {
            { Analysis: { } analysis } => (analysis.FootageId, analysis.OutputFolder.Container),
            { Clip: { } clip } => (clip.FootageId, clip.Destination.Container),
            _ => throw new ArgumentException("A footage job carries an analysis or a clip.", nameof(job)),
        };
        return new(instanceId, job.JobId, job.UserId, footageId, container, Studio.Footage.FootageBlobs.Folder(job.UserId, footageId));
    }

    /// <summary>Whether <paramref name="blob"/> lies under this job's output prefix, with no path step that leaves it.</summary>
    public bool Owns(BlobRef blob) =>
        blob.Container == OutputContainer
        && blob.Path.StartsWith(OutputPrefix, StringComparison.Ordinal)
        && !blob.Path.Split('/').Any(segment => segment is "." or "..")
        && !blob.Path.Contains('\\', StringComparison.Ordinal);
}

/// <summary>
/// The issued-job records in the <c>jobs</c> container (<see cref="IssuedJobBlobs"/>). Names are deterministic, so an
/// activity that runs again after a crash writes the same record rather than a second one.
/// </summary>
public sealed class IssuedJobs(BlobServiceClient blobs)
{
    private BlobContainerClient Container => blobs.GetBlobContainerClient(IssuedJobBlobs.Container);

    public async Task RecordAsync(IssuedJob job, CancellationToken cancellationToken = default)
    {
        CheckName(job.InstanceId);
        CheckName(job.JobId);
        await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Container.GetBlobClient(IssuedJobBlobs.Record(job.InstanceId, job.JobId))
            .UploadAsync(BinaryData.FromObjectAsJson(job, JobJson.Options), overwrite: true, cancellationToken);
    }

    /// <summary>The record, or null when this orchestration issued no such job.</summary>
    public async Task<IssuedJob?> FindAsync(string instanceId, string jobId, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await Container.GetBlobClient(IssuedJobBlobs.Record(instanceId, jobId)).DownloadContentAsync(cancellationToken);
            return JsonSerializer.Deserialize<IssuedJob>(content.Value.Content, JobJson.Options);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Leaves the marker the worker looks for on its progress ticks: the job's orchestration has ended.</summary>
    public async Task MarkEndedAsync(string instanceId, string jobId, CancellationToken cancellationToken = default)
    {
        await Container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Container.GetBlobClient(IssuedJobBlobs.EndedMarker(instanceId, jobId)).UploadAsync(BinaryData.Empty, overwrite: true, cancellationToken);
    }

    /// <summary>
    /// Ids become blob names: one with a path step in it could name another job's record (and the URI would fold "..").
    /// </summary>
    public static bool IsSafeName(string value) =>
        value.Length is > 0 and <= 256
        && !value.Contains('/', StringComparison.Ordinal)
        && !value.Contains('\\', StringComparison.Ordinal)
        && value is not ("." or "..")
        && !value.Any(char.IsControl);

    private static void CheckName(string value)
    {
        if (!IsSafeName(value))
        {
            throw new ArgumentException($"'{value}' cannot name an issued job's blob.", nameof(value));
        }
    }
}
