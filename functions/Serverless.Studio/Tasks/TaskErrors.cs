using System.Text.RegularExpressions;
using Serverless.Studio.Pipeline;

namespace Serverless.Studio.Tasks;

/// <summary>
/// What a user may read of a task's failure. The orchestrations record an activity's exception message or the render
/// worker's reason (ffmpeg's stderr among them) as they are, and those carry paths, host names and internals: such a
/// failure is shown as a stable sentence for its code, and the details go to the log instead.
/// </summary>
public static partial class TaskErrors
{
    public const string GenerationFailed = "Generating the storyboard, a picture or a voice failed; try again.";
    public const string RenderFailed = "The render failed; try again.";
    public const string AnalysisFailed = "Analysing the footage failed; try again.";
    public const string StorageFailed = "Storage was unavailable; try again shortly.";
    public const string System = "Something went wrong on our side; it has been logged.";

    /// <summary>The error as shown, and whether the recorded one was hidden (so the caller logs it).</summary>
    public static (TaskError Shown, bool Hidden) ForUser(TaskError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        string? stable = error.Code switch
        {
            // Our own words: a script the parser refused, a quota, a budget.
            ErrorCodes.InvalidParameters or ErrorCodes.QuotaExceeded or ErrorCodes.BudgetExceeded => null,
            // An activity's exception ("XActivity failed: ...") is raw; the approval timeout and a deleted project are ours.
            ErrorCodes.GenerationFailed => ActivityFailure().IsMatch(error.Message) ? GenerationFailed : null,
            // The worker's reason is raw; "did not answer in time" is ours.
            ErrorCodes.RenderFailed => error.Message.StartsWith("Rendering failed:", StringComparison.Ordinal) || ActivityFailure().IsMatch(error.Message) ? RenderFailed
                : error.Message.StartsWith("Analysis failed:", StringComparison.Ordinal) ? AnalysisFailed : null,
            ErrorCodes.StorageFailed => StorageFailed,
            _ => System,
        };
        return stable is null || stable == error.Message ? (error, false) : (error with { Message = stable }, true);
    }

    [GeneratedRegex(@"^\w+ failed: ", RegexOptions.CultureInvariant)]
    private static partial Regex ActivityFailure();
}
