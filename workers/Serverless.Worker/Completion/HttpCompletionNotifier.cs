using Serverless.Contracts.Rendering;

namespace Serverless.Worker.Completion;

/// <summary>
/// POSTs <see cref="RenderCompleted"/> to the orchestration's raise-event URL. The client comes with the standard
/// resilience handler (retries with backoff on 5xx, 408, 429 and network errors); the URL carries its own token.
/// </summary>
public sealed class HttpCompletionNotifier(HttpClient http) : ICompletionNotifier
{
    public Task NotifyAsync(Uri completionUrl, RenderCompleted completed, CancellationToken cancellationToken) =>
        OrchestrationEndedException.PostEventAsync(http, completionUrl, completed, cancellationToken);
}
