using Serverless.Contracts.Rendering;

namespace Serverless.Worker.Completion;

/// <summary>Tells the waiting orchestration that its render finished, one way or the other.</summary>
public interface ICompletionNotifier
{
    /// <exception cref="HttpRequestException">The endpoint could not be reached or refused the event after retries.</exception>
    /// <exception cref="OrchestrationEndedException">The orchestration has ended and waits for nothing.</exception>
    Task NotifyAsync(Uri completionUrl, RenderCompleted completed, CancellationToken cancellationToken);
}
