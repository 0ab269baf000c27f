using Serverless.Captions;
using Serverless.Media.Subtitles;

namespace Serverless.Media.Footage;

/// <summary>
/// Caption cues from recognized words: a cue holds a short phrase (at most <see cref="MaxWords"/> words and
/// <see cref="MaxSeconds"/>), and a pause longer than <see cref="BreakSeconds"/> starts a new one, so the captions turn
/// over with the speaker's own phrasing.
/// </summary>
public static class ClipCaptions
{
    public const int MaxWords = 6;
    public const double MaxSeconds = 2.6;
    public const double BreakSeconds = 0.45;

    /// <summary>Hold a cue this long after its last word, unless the next begins sooner.</summary>
    private const double HoldSeconds = 0.3;

    /// <summary>The words inside [<paramref name="start"/>, <paramref name="end"/>] footage seconds, moved to start at <paramref name="at"/> on the clip's timeline.</summary>
    public static IReadOnlyList<SubtitleCue> Cues(IReadOnlyList<CueWord> words, double start, double end, double at)
    {
        var inside = words.Where(w => w.End > start && w.Start < end).OrderBy(w => w.Start).ToList();
        var shifted = CaptionWords.Shift(inside, at - start, at, at + (end - start));
        var phrases = new List<List<CueWord>>();
        foreach (var word in shifted)
        {
            var phrase = phrases.Count > 0 ? phrases[^1] : null;
            if (phrase is null || phrase.Count >= MaxWords || word.End - phrase[0].Start > MaxSeconds || word.Start - phrase[^1].End > BreakSeconds)
            {
                phrases.Add([word]);
            }
            else
            {
                phrase.Add(word);
            }
        }

        var cues = new List<SubtitleCue>(phrases.Count);
        for (var i = 0; i < phrases.Count; i++)
        {
            var phrase = phrases[i];
            var limit = i + 1 < phrases.Count ? phrases[i + 1][0].Start : at + (end - start);
            var until = Math.Max(phrase[^1].End, Math.Min(phrase[^1].End + HoldSeconds, limit));
            cues.Add(new SubtitleCue(phrase[0].Start, Math.Round(until, 3), string.Join(' ', phrase.Select(w => w.Text)), Words: phrase));
        }

        return cues;
    }
}
