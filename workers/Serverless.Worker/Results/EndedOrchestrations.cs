using Serverless.Contracts;
using Serverless.Contracts.Rendering;
using Serverless.Worker.Storage;

namespace Serverless.Worker.Results;

/// <summary>
/// Whether the orchestration behind a job has ended: the function app writes <c>jobs/{instance}/{job}.ended</c> when a
/// result of the job arrives for an orchestration that no longer runs. One existence check of a blob: cheap enough for
/// each progress tick, and what lets a cancelled video stop rendering within seconds.
/// </summary>
public sealed class EndedOrchestrations(IBlobStore blobs)
{
    public async Task<bool> HasEndedAsync(string instanceId, string jobId, CancellationToken cancellationToken) =>
        await blobs.GetAsync(new BlobRef(IssuedJobBlobs.Container, IssuedJobBlobs.EndedMarker(instanceId, jobId)), cancellationToken) is not null;
}
