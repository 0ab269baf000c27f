using Serverless.Contracts.Inference;
using Serverless.Worker.Completion;

namespace Serverless.Worker.Inference;

/// <summary>POSTs <see cref="InferenceCompleted"/> to the job's completion URL (standard resilience handler; the URL carries its own token).</summary>
public sealed class InferenceCompletionNotifier(HttpClient http)
{
    /// <exception cref="HttpRequestException">The endpoint could not be reached or refused the event after retries.</exception>
    /// <exception cref="OrchestrationEndedException">The orchestration has ended and waits for nothing.</exception>
    public Task NotifyAsync(Uri completionUrl, InferenceCompleted completed, CancellationToken cancellationToken) =>
        OrchestrationEndedException.PostEventAsync(http, completionUrl, completed, cancellationToken);
}
