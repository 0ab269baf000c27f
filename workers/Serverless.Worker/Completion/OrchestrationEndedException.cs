using System.Net;
using System.Net.Http.Json;
using Serverless.Contracts;

namespace Serverless.Worker.Completion;

/// <summary>
/// The orchestration a job reports to has ended before the job did (its video was cancelled, or its project deleted):
/// its raise-event endpoint answers 409 and will take no more events, so there is nothing left to render or report.
/// </summary>
public sealed class OrchestrationEndedException(Uri eventUrl)
    : Exception($"The orchestration behind {eventUrl.GetLeftPart(UriPartial.Path)} has ended and takes no more events.")
{
    /// <summary>
    /// POSTs an event to an orchestration's raise-event URL as the job JSON; a 409 (the orchestration has ended) throws
    /// this exception, any other refusal the HTTP error.
    /// </summary>
    public static async Task PostEventAsync<T>(HttpClient http, Uri eventUrl, T payload, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(eventUrl, payload, JobJson.Options, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            throw new OrchestrationEndedException(eventUrl);
        }

        response.EnsureSuccessStatusCode();
    }

    /// <summary>Sends a job's result; an orchestration that has ended takes nothing more, and the job is done all the same.</summary>
    public static async Task ReportUnlessEndedAsync(Func<Task> report, ILogger logger, string jobId)
    {
        try
        {
            await report();
        }
        catch (OrchestrationEndedException)
        {
            logger.LogInformation("The orchestration of job {JobId} has ended (its work was cancelled or its project deleted); nothing to report", jobId);
        }
    }
}
