using System.ComponentModel.DataAnnotations;
using Serverless.Contracts;

namespace Serverless.Worker.Configuration;

/// <summary>How the worker takes jobs. Bound from the "Worker" configuration section and validated at start.</summary>
public sealed class WorkerOptions : IValidatableObject
{
    public const string Section = "Worker";

    [Required]
    [RegularExpression("^[a-z0-9]([a-z0-9-]{1,54})[a-z0-9]$", ErrorMessage = "Worker:Queue must be a valid queue name short enough for its \"-poison\" queue.")]
    public string Queue { get; set; } = Queues.RenderJobs;

    [Range(1, 64)]
    public int MaxConcurrentJobs { get; set; } = 1;

    /// <summary>Queue of <c>InferenceJob</c>s (inference-jobs); empty means this worker takes none.</summary>
    [RegularExpression("^$|^[a-z0-9]([a-z0-9-]{1,54})[a-z0-9]$", ErrorMessage = "Worker:InferenceQueue must be empty or a valid queue name short enough for its \"-poison\" queue.")]
    public string InferenceQueue { get; set; } = "";

    [Range(1, 64)]
    public int MaxConcurrentInferenceJobs { get; set; } = 1;

    /// <summary>
    /// Queue of <c>FootageJob</c>s (footage-jobs: analyses and clip renders); empty means this worker takes none. Off by
    /// default so a worker started for render jobs alone (a test host) never takes footage work meant for another.
    /// </summary>
    [RegularExpression("^$|^[a-z0-9]([a-z0-9-]{1,54})[a-z0-9]$", ErrorMessage = "Worker:FootageQueue must be empty or a valid queue name short enough for its \"-poison\" queue.")]
    public string FootageQueue { get; set; } = "";

    /// <summary>A footage job decodes a whole recording on every core it has: one at a time by default.</summary>
    [Range(1, 16)]
    public int MaxConcurrentFootageJobs { get; set; } = 1;

    /// <summary>The storage queue the worker reports progress and results on (render-results), in Azure as locally.</summary>
    [Required]
    [RegularExpression("^[a-z0-9]([a-z0-9-]{1,61})[a-z0-9]$", ErrorMessage = "Worker:ResultsQueue must be a valid queue name.")]
    public string ResultsQueue { get; set; } = Queues.RenderResults;

    /// <summary>Where each job gets its own scratch folder; empty means the system temp folder.</summary>
    public string TempRoot { get; set; } = "";

    /// <summary>After this many deliveries a job that keeps failing is reported as failed instead of retried.</summary>
    [Range(1, 100)]
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>How long a received job stays invisible to other workers; renewed while it renders.</summary>
    public TimeSpan Visibility { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan PollWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Least time between two progress reports of a job (each is an event in its orchestration's history).</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Least time between two looks for a job's ended marker (whether its orchestration still wants it): a blob
    /// existence check, made on progress ticks.
    /// </summary>
    public TimeSpan EndedCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a failed job waits before it is delivered again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Stop the process (exit 0) once no job has run and every queue served has been found empty for
    /// <see cref="IdleGrace"/>: for event-driven job executions, which would otherwise poll until their timeout.
    /// </summary>
    public bool ExitWhenIdle { get; set; }

    /// <summary>How long the worker must be idle before <see cref="ExitWhenIdle"/> stops it.</summary>
    public TimeSpan IdleGrace { get; set; } = TimeSpan.FromSeconds(30);

    public string ResolvedTempRoot => string.IsNullOrWhiteSpace(TempRoot) ? Path.Combine(Path.GetTempPath(), "serverless-worker") : TempRoot;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Visibility < TimeSpan.FromSeconds(10) || Visibility > TimeSpan.FromDays(7))
        {
            yield return new ValidationResult("Worker:Visibility must be between 10 seconds and 7 days.", [nameof(Visibility)]);
        }

        if (ProgressInterval < TimeSpan.FromMilliseconds(100) || EndedCheckInterval < TimeSpan.FromMilliseconds(100))
        {
            yield return new ValidationResult("Worker:ProgressInterval and Worker:EndedCheckInterval must be at least 100 ms.", [nameof(ProgressInterval), nameof(EndedCheckInterval)]);
        }

        if (IdleGrace < TimeSpan.FromSeconds(1) || IdleGrace > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("Worker:IdleGrace must be between 1 second and 1 hour.", [nameof(IdleGrace)]);
        }

        if (PollWait <= TimeSpan.Zero || RetryDelay < TimeSpan.Zero)
        {
            yield return new ValidationResult("Worker:PollWait must be positive and Worker:RetryDelay not negative.", [nameof(PollWait), nameof(RetryDelay)]);
        }
    }
}
