using Serverless.Captions;
using Serverless.Media.Rendering;
using Serverless.Media.Subtitles;

namespace Serverless.Media.Speech;

/// <summary>
/// Fits the planned voices and cues to the speech VAD found in each clip. The orchestrator's timeline stays the plan:
/// each voice still starts where it was placed, but it plays from its first detected word to its last (leading and
/// trailing silence trimmed), and its subtitle cue spans exactly that speech. A clip with no detected speech is left
/// as planned, so a VAD miss never silences a line. The cue's words move with the trim where the voice reported them;
/// where it did not (espeak-ng), the line's syllables are shared out over the voiced regions found inside it.
/// </summary>
public static class SpeechAlignment
{
    /// <summary>A cue shorter than this is unreadable; the planner uses the same floor.</summary>
    public const double MinCueSeconds = 1.0;

    /// <summary>How far from its voice's start a cue may begin and still be that voice's cue.</summary>
    private const double CueMatchTolerance = 0.05;

    public static (IReadOnlyList<VoiceClip> Voices, IReadOnlyList<SubtitleCue> Subtitles) Align(
        IReadOnlyList<VoiceClip> voices, IReadOnlyList<SubtitleCue> cues, IReadOnlyList<IReadOnlyList<SpeechSegment>> speech)
    {
        if (speech.Count != voices.Count)
        {
            throw new ArgumentException("One list of speech segments per voice is needed.", nameof(speech));
        }

        var alignedVoices = voices.ToList();
        var alignedCues = cues.ToList();
        var claimed = new HashSet<int>();
        for (var k = 0; k < voices.Count; k++)
        {
            var voice = voices[k];
            if (speech[k].Count == 0)
            {
                continue;
            }

            var from = speech[k][0].Start;
            var to = speech[k][^1].End;
            if (voice.Duration > 0)
            {
                to = Math.Min(to, voice.ClipOffset + voice.Duration);
            }

            from = Math.Max(from, voice.ClipOffset);
            if (to - from <= 0)
            {
                continue;
            }

            alignedVoices[k] = voice with { ClipOffset = from, Duration = to - from };
            var cue = CueOf(voice, cues, claimed);
            if (cue >= 0)
            {
                claimed.Add(cue);
                var next = cues.Where(c => c.Start > cues[cue].Start).Select(c => c.Start).DefaultIfEmpty(double.PositiveInfinity).Min();
                var end = Math.Max(Math.Min(voice.Start + Math.Max(to - from, MinCueSeconds), next), voice.Start + 0.1);
                alignedCues[cue] = cues[cue] with { Start = voice.Start, End = end, Words = Words(cues[cue], voice, from, speech[k], end) };
            }
        }

        return (alignedVoices, alignedCues);
    }

    /// <summary>The words of <paramref name="cue"/> on the timeline once its voice plays from <paramref name="from"/> seconds into the clip.</summary>
    private static IReadOnlyList<CueWord> Words(SubtitleCue cue, VoiceClip voice, double from, IReadOnlyList<SpeechSegment> speech, double end)
    {
        if (cue.Words is { Count: > 0 } spoken)
        {
            return CaptionWords.Shift(spoken, voice.ClipOffset - from, voice.Start, end);
        }

        var voiced = speech
            .Select(s => (Start: Math.Max(voice.Start, voice.Start + s.Start - from), End: Math.Min(end, voice.Start + s.End - from)))
            .Where(s => s.End > s.Start)
            .ToList();
        return CaptionWords.Spread(cue.Text, voiced.Count > 0 ? voiced : [(voice.Start, end)]);
    }

    /// <summary>The unclaimed cue that starts nearest its voice, within the voice's span.</summary>
    private static int CueOf(VoiceClip voice, IReadOnlyList<SubtitleCue> cues, HashSet<int> claimed)
    {
        var best = -1;
        var bestDistance = double.PositiveInfinity;
        var spanEnd = voice.Start + Math.Max(voice.Duration, 0) + CueMatchTolerance;
        for (var i = 0; i < cues.Count; i++)
        {
            var distance = Math.Abs(cues[i].Start - voice.Start);
            if (!claimed.Contains(i) && cues[i].Start >= voice.Start - CueMatchTolerance && cues[i].Start <= spanEnd && distance < bestDistance)
            {
                (best, bestDistance) = (i, distance);
            }
        }

        return best;
    }
}
