
namespace Serverless.Media.Subtitles;

/// <summary>What SRT and WebVTT share: which cues are kept and how a speaker is shown.</summary>
internal static class SidecarCues
{
    public static IEnumerable<SubtitleCue> Valid(IReadOnlyList<SubtitleCue> cues) =>
        cues.Where(c => double.IsFinite(c.Start) && double.IsFinite(c.End) && c.End > c.Start && !string.IsNullOrWhiteSpace(c.Text))
            .OrderBy(c => c.Start);

    public static string Text(SubtitleCue cue) => string.IsNullOrWhiteSpace(cue.Speaker)
        ? SubtitleText.Clean(cue.Text)
        : $"{SubtitleText.Clean(cue.Speaker)}：{SubtitleText.Clean(cue.Text)}";
}
