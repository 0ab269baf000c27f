namespace Serverless.Media.Footage;

/// <summary>
/// What each step of a footage analysis costs. The analysis runs the sound beside the pictures, so the CPU of one
/// tool cannot be told from another's while they overlap; a meter that asks for <see cref="OneByOne"/> gets every
/// step alone, which is what <c>dev.sh bench clips</c> uses to report CPU seconds per step. The default measures nothing.
/// </summary>
public class AnalysisStepMeter
{
    public static readonly AnalysisStepMeter None = new();

    /// <summary>Run the steps one after another instead of side by side (slower; for measuring only).</summary>
    public virtual bool OneByOne => false;

    public virtual Task<T> MeasureAsync<T>(string step, Func<Task<T>> run) => run();
}

/// <summary>The analysis's step names, as the benchmark reports them.</summary>
public static class AnalysisSteps
{
    public const string Audio = "audio_extraction";
    public const string Vad = "vad";
    public const string Transcript = "pocketsphinx";
    public const string Pictures = "pictures_scdet_motion_proxy";
    public const string Curves = "curves";
    public const string Thumbnails = "thumbnails";
}
