using System.Net.Http.Json;
using Serverless.Contracts;
using Serverless.Contracts.Inference;
using Serverless.Worker.Completion;

namespace Serverless.Worker.Inference;

/// <summary>POSTs <see cref="InferenceCompleted"/> to the job's completion URL (standard resilience handler; the URL carries its own token).</summary>
public sealed class InferenceCompletionNotifier(HttpClient http)
{
    /// <exception cref="HttpRequestException">The endpoint could not be reached or refused the event after retries.</exception>
    /// <exception cref="OrchestrationEndedException">The orchestration has ended and waits for nothing.</exception>
    public async Task NotifyAsync(Uri completionUrl, InferenceCompleted completed, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(completionUrl, completed, JobJson.Options, cancellationToken);
        OrchestrationEndedException.ThrowUnlessAccepted(response, completionUrl);
    }
}
