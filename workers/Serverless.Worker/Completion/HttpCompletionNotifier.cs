using System.Net.Http.Json;
using Serverless.Contracts;
using Serverless.Contracts.Rendering;

namespace Serverless.Worker.Completion;

/// <summary>
/// POSTs <see cref="RenderCompleted"/> to the orchestration's raise-event URL. The client comes with the standard
/// resilience handler (retries with backoff on 5xx, 408, 429 and network errors); the URL carries its own token.
/// </summary>
public sealed class HttpCompletionNotifier(HttpClient http) : ICompletionNotifier
{
    public async Task NotifyAsync(Uri completionUrl, RenderCompleted completed, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(completionUrl, completed, JobJson.Options, cancellationToken);
        OrchestrationEndedException.ThrowUnlessAccepted(response, completionUrl);
    }
}
