using Serverless.Contracts.Rendering;
using Serverless.Worker.Completion;

namespace Serverless.Worker.Progress;

/// <summary>POSTs <see cref="RenderProgressReport"/> to the job's progress URL. No retries: the next report supersedes this one.</summary>
public sealed class ProgressNotifier(HttpClient http)
{
    public Task NotifyAsync(Uri progressUrl, RenderProgressReport report, CancellationToken cancellationToken) =>
        OrchestrationEndedException.PostEventAsync(http, progressUrl, report, cancellationToken);
}
