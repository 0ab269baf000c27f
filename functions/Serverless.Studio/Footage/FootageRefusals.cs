using Serverless.Contracts.Footage;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Tasks;

namespace Serverless.Studio.Footage;

/// <summary>
/// A failed analysis in words a user can act on: the worker's refusals keep their stable code at the head of our own
/// sentence (the worker's text is not shown); anything else is an analysis failure whose detail is only logged.
/// </summary>
public static class FootageRefusals
{
    public static TaskError For(FootageAnalysisCompleted analyzed, FootageLimits limits) => analyzed.ErrorCode switch
    {
        FootageErrorCodes.NotVideo => Refused(FootageErrorCodes.NotVideo, "the file is not a video that can be read."),
        FootageErrorCodes.NoAudio => Refused(FootageErrorCodes.NoAudio, "the video has no sound track, so there is no speech to cut clips by."),
        FootageErrorCodes.TooLong => Refused(
            FootageErrorCodes.TooLong, $"the video lasts {analyzed.DurationSeconds:0} s; the plan allows at most {limits.MaxDurationSeconds:0} s."),
        FootageErrorCodes.TooLarge => Refused(FootageErrorCodes.TooLarge, $"the file is larger than the {limits.MaxSizeBytes} bytes the plan allows."),
        _ => new TaskError(ErrorCodes.RenderFailed, $"Analysis failed: {analyzed.Error ?? "the worker gave no reason"}"),
    };

    private static TaskError Refused(string code, string sentence) => new(ErrorCodes.InvalidParameters, $"{code}: {sentence}");
}
