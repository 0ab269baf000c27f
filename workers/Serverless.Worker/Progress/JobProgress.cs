using Serverless.Contracts;
using Serverless.Contracts.Rendering;
using Serverless.Media.Rendering;
using Serverless.Worker.Results;

namespace Serverless.Worker.Progress;

/// <summary>
/// A job's progress across its steps, reported on the results queue at most once per <c>interval</c> (and on each
/// new step), one send at a time, in order. Progress is advisory: a send that fails is logged and the next one tries
/// again, so a slow queue never holds up or fails the render. At most once per <c>endedCheck</c> a tick also looks for
/// the job's ended marker (its video cancelled, its project deleted) and, once it is there, trips
/// <see cref="OrchestrationEnded"/>, so the job stops within seconds.
/// </summary>
internal sealed class JobProgress(
    RenderJob job,
    JobResultQueue results,
    EndedOrchestrations ended,
    TimeSpan interval,
    TimeSpan endedCheck,
    TimeProvider time,
    ILogger logger) : IProgress<RenderProgress>
{
    public const string Downloading = "downloading";
    public const string DetectingSpeech = "detecting speech";
    public const string Encoding = "encoding";
    public const string Uploading = "uploading";

    // Shares of the whole job each step ends at; encoding is nearly all of it.
    private const double DownloadEnd = 5, SpeechEnd = 10, EncodeEnd = 95;

    private readonly Lock _gate = new();
    private DateTimeOffset _lastSent = DateTimeOffset.MinValue;
    private DateTimeOffset _lastChecked = DateTimeOffset.MinValue;
    private string? _lastStep;
    private Task _inFlight = Task.CompletedTask;

    // Never disposed: a check still in flight when the job ends may trip it, and it holds no timer.
    private readonly CancellationTokenSource _ended = new();

    /// <summary>Cancelled once a tick finds the orchestration ended.</summary>
    public CancellationToken OrchestrationEnded => _ended.Token;

    public void Step(string step) => Send(step switch
    {
        Downloading => 0,
        DetectingSpeech => DownloadEnd,
        Encoding => SpeechEnd,
        _ => EncodeEnd,
    }, step, null);

    /// <summary>ffmpeg's progress through the encode, mapped onto the encode's share.</summary>
    public void Report(RenderProgress value) =>
        Send(SpeechEnd + (EncodeEnd - SpeechEnd) * Math.Clamp(value.Percent, 0, 100) / 100, Encoding, value.Remaining?.TotalSeconds);

    /// <summary>Waits for the last send, so the final report is not lost when the job ends.</summary>
    public Task FlushAsync()
    {
        lock (_gate)
        {
            return _inFlight;
        }
    }

    private void Send(double percent, string step, double? remainingSeconds)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var newStep = step != _lastStep;
            if (!newStep && (now - _lastSent < interval || !_inFlight.IsCompleted))
            {
                return;
            }

            var check = now - _lastChecked >= endedCheck;
            (_lastSent, _lastStep) = (now, step);
            if (check)
            {
                _lastChecked = now;
            }

            var report = new RenderProgressReport(job.JobId, Math.Round(percent, 1), step, remainingSeconds is { } s ? Math.Round(s, 1) : null);
            // A new step is never dropped: it queues behind the send in flight, so reports arrive in order.
            var previous = _inFlight;
            _inFlight = previous.IsCompleted ? TickAsync(report, check) : previous.ContinueWith(_ => TickAsync(report, check), TaskScheduler.Default).Unwrap();
        }
    }

    private async Task TickAsync(RenderProgressReport report, bool checkEnded)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            if (checkEnded && await ended.HasEndedAsync(job.OrchestrationInstanceId, job.JobId, timeout.Token))
            {
                logger.LogInformation("The orchestration of job {JobId} has ended; the job stops", report.JobId);
                await _ended.CancelAsync();
                return;
            }

            await results.SendAsync(JobResult.Progress(job.OrchestrationInstanceId, report), timeout.Token);
        }
        catch (Exception exception) when (exception is Azure.RequestFailedException or OperationCanceledException)
        {
            logger.LogWarning("Reporting progress {Percent}% ({Step}) of job {JobId} failed: {Error}", report.Percent, report.Step, report.JobId, exception.Message);
        }
    }
}
