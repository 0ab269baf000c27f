using Serverless.Contracts.Rendering;
using Serverless.Media.Rendering;
using Serverless.Worker.Completion;

namespace Serverless.Worker.Progress;

/// <summary>
/// A job's progress across its steps, sent to its progress URL at most once per <c>interval</c> (and on each new
/// step), one post at a time, in order. Progress is advisory: a post that fails is logged and the next one tries again, so a
/// slow or absent endpoint never holds up or fails the render. A post refused because the orchestration has ended
/// (its video cancelled, its project deleted) trips <see cref="OrchestrationEnded"/>, so the job stops within one interval.
/// </summary>
internal sealed class JobProgress(
    RenderJob job,
    ProgressNotifier notifier,
    TimeSpan interval,
    TimeProvider time,
    ILogger logger) : IProgress<RenderProgress>
{
    public const string Downloading = "downloading";
    public const string DetectingSpeech = "detecting speech";
    public const string Encoding = "encoding";
    public const string Uploading = "uploading";

    // Shares of the whole job each step ends at; encoding is nearly all of it.
    private const double DownloadEnd = 5, SpeechEnd = 10, EncodeEnd = 95;

    private readonly object _gate = new();
    private DateTimeOffset _lastSent = DateTimeOffset.MinValue;
    private string? _lastStep;
    private Task _inFlight = Task.CompletedTask;

    // Never disposed: a post still in flight when the job ends may trip it, and it holds no timer.
    private readonly CancellationTokenSource _ended = new();

    /// <summary>Cancelled once a post finds the orchestration ended.</summary>
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

    /// <summary>Waits for the last post, so the final report is not lost when the job ends.</summary>
    public Task FlushAsync()
    {
        lock (_gate)
        {
            return _inFlight;
        }
    }

    private void Send(double percent, string step, double? remainingSeconds)
    {
        if (job.ProgressUrl is not { } url)
        {
            return;
        }

        lock (_gate)
        {
            var now = time.GetUtcNow();
            var newStep = step != _lastStep;
            if (!newStep && (now - _lastSent < interval || !_inFlight.IsCompleted))
            {
                return;
            }

            (_lastSent, _lastStep) = (now, step);
            var report = new RenderProgressReport(job.JobId, Math.Round(percent, 1), step, remainingSeconds is { } s ? Math.Round(s, 1) : null);
            // A new step is never dropped: it queues behind the post in flight, so reports arrive in order.
            var previous = _inFlight;
            _inFlight = previous.IsCompleted ? PostAsync(url, report) : previous.ContinueWith(_ => PostAsync(url, report), TaskScheduler.Default).Unwrap();
        }
    }

    private async Task PostAsync(Uri url, RenderProgressReport report)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await notifier.NotifyAsync(url, report, timeout.Token);
        }
        catch (OrchestrationEndedException)
        {
            logger.LogInformation("The orchestration of job {JobId} has ended; the job stops", report.JobId);
            await _ended.CancelAsync();
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
        {
            logger.LogWarning("Reporting progress {Percent}% ({Step}) of job {JobId} failed: {Error}", report.Percent, report.Step, report.JobId, exception.Message);
        }
    }
}
