using Microsoft.Azure.Functions.Worker;
using Serverless.Contracts;
using Serverless.Studio.Jobs;

namespace Serverless.Functions.Jobs;

/// <summary>
/// Workers' results and progress, read off the results storage queue and handed to <see cref="JobResultIntake"/>, which
/// raises the orchestration's event only for a job that orchestration issued. A message that is not a result is
/// refused here, logged, and never retried: a retry could not make it readable.
/// </summary>
public sealed class RenderResultFunctions(JobResultIntake intake, ILogger<RenderResultFunctions> logger)
{
    [Function("RenderResults")]
    public async Task RunAsync([QueueTrigger("%Studio:ResultsQueue%", Connection = "Storage")] string message, CancellationToken cancellationToken)
    {
        if (!JobJson.TryRead<JobResult>(System.Text.Encoding.UTF8.GetBytes(message), out var result, out var error))
        {
            logger.LogWarning("A results message was refused: it is not a job result ({Reason})", error);
            return;
        }

        await intake.AcceptAsync(result, cancellationToken);
    }
}
