using System.Net.Http.Json;
using Serverless.Contracts;
using Serverless.Contracts.Rendering;
using Serverless.Worker.Completion;

namespace Serverless.Worker.Progress;

/// <summary>POSTs <see cref="RenderProgressReport"/> to the job's progress URL. No retries: the next report supersedes this one.</summary>
public sealed class ProgressNotifier(HttpClient http)
{
    public async Task NotifyAsync(Uri progressUrl, RenderProgressReport report, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(progressUrl, report, JobJson.Options, cancellationToken);
        OrchestrationEndedException.ThrowUnlessAccepted(response, progressUrl);
    }
}
