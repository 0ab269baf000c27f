using Microsoft.Extensions.Options;
using Serverless.Captions;
using Serverless.Contracts.Footage;

namespace Serverless.Studio.Footage;

/// <summary>
/// Finds the spans of a footage worth a clip. Spans are built from whole sentences (words split where a pause or the
/// voice detector's silence falls between them) and every cut sits in a silence, at least
/// <see cref="HighlightOptions.CutMarginSeconds"/> from detected speech and from any recognized word, so no clip starts
/// or ends inside a word or a breath. Without words (Mandarin offline) the voice detector's regions are the units.
/// Spans are scored by rules (product and price words, a question and its answer, speech energy, pace, picture
/// activity, the user's keywords) and the best that do not overlap are chosen.
/// </summary>
public sealed class HighlightPicker(IOptions<HighlightOptions> options)
{
    private const double IdealWordsPerSecond = 2.6;

    public HighlightPick Pick(FootageAnalysis analysis, HighlightRequest request)
    {
        var (spans, units, note) = Candidates(analysis, request);
        return new HighlightPick(Choose(spans, request), units, note);
    }

    /// <summary>Every span that could be a highlight, scored, with what they are made of and a note for the user.</summary>
    public (IReadOnlyList<Highlight> Spans, string Units, string? Note) Candidates(FootageAnalysis analysis, HighlightRequest request)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(request);
        var o = options.Value;
        var busy = Busy(analysis);
        var words = analysis.Transcript.Words.Where(w => w.End >= w.Start && w.Start >= 0).OrderBy(w => w.Start).ToList();
        var byWords = words.Count > 0;
        var (units, gaps) = byWords ? Sentences(words, busy, analysis.DurationSeconds) : Regions(busy, analysis.DurationSeconds);
        var keywords = byWords ? (request.Keywords ?? []).Select(HighlightWords.Plain).Where(k => k.Length > 0).Distinct().ToList() : [];
        var context = new ScoringContext(analysis, keywords);

        var spans = new List<Highlight>();
        for (var i = 0; i < units.Count; i++)
        {
            if (StartCut(gaps[i]) is not { } start)
            {
                continue;
            }

            for (var j = i; j < units.Count; j++)
            {
                if (units[j].SpeechEnd - start > o.MaxSeconds)
                {
                    break;
                }

                if (EndCut(gaps[j + 1], analysis.DurationSeconds) is not { } end || end - start < o.MinSeconds || end - start > o.MaxSeconds)
                {
                    continue;
                }

                if (context.Score(units.Skip(i).Take(j - i + 1).ToList(), start, end) is { } span)
                {
                    spans.Add(span);
                }
            }
        }

        return (spans, byWords ? HighlightUnits.Sentences : HighlightUnits.SpeechRegions, Note(analysis, byWords, request));
    }

    /// <summary>The best spans that do not overlap, as many as asked, best first, numbered <c>hl_1</c>, <c>hl_2</c>, ...</summary>
    public IReadOnlyList<Highlight> Choose(IReadOnlyList<Highlight> spans, HighlightRequest request)
    {
        var o = options.Value;
        var count = Math.Clamp(request.Count ?? o.DefaultCount, 1, o.MaxCount);
        IEnumerable<Highlight> pool = spans;
        if (request.TargetSeconds is { } target)
        {
            var near = spans.Where(s => Math.Abs(s.Seconds - target) <= Math.Max(3, target * 0.2)).ToList();
            pool = near.Count > 0 ? near : spans;
        }

        var ranked = pool
            .OrderByDescending(s => s.Score)
            .ThenBy(s => request.TargetSeconds is { } t ? Math.Abs(s.Seconds - t) : s.Seconds)
            .ThenBy(s => s.Start);
        var chosen = new List<Highlight>();
        foreach (var span in ranked)
        {
            if (chosen.Count == count)
            {
                break;
            }

            if (chosen.All(c => span.End <= c.Start || span.Start >= c.End))
            {
                chosen.Add(span with { Id = $"hl_{chosen.Count + 1}" });
            }
        }

        return chosen;
    }

    /// <summary>
    /// A span the user drew, its edges moved the way the picker cuts: each into the silence whose cut lies nearest it
    /// (<see cref="HighlightOptions.CutMarginSeconds"/> from speech, with the lead room where the silence allows), or
    /// null when the footage has no silence to cut in.
    /// </summary>
    public (double Start, double End)? Snap(FootageAnalysis analysis, double start, double end)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var (_, silences) = Regions(Busy(analysis), analysis.DurationSeconds);
        var starts = silences.Select(StartCut).OfType<double>().ToList();
        var ends = silences.Select(g => EndCut(g, analysis.DurationSeconds)).OfType<double>().ToList();
        return starts.Count == 0 || ends.Count == 0
            ? null
            : (starts.MinBy(c => Math.Abs(c - start)), ends.MinBy(c => Math.Abs(c - end)));
    }

    private double? StartCut(Gap? gap)
    {
        if (gap is not { } g)
        {
            return null;
        }

        var (m, lead) = (options.Value.CutMarginSeconds, options.Value.LeadSeconds);
        var (lo, hi) = (g.Start <= 0 ? 0 : g.Start + m, g.End - m);
        return lo <= hi ? Math.Max(lo, hi - lead) : null;
    }

    private double? EndCut(Gap? gap, double duration)
    {
        if (gap is not { } g)
        {
            return null;
        }

        var (m, lead) = (options.Value.CutMarginSeconds, options.Value.LeadSeconds);
        var (lo, hi) = (g.Start + m, g.End >= duration ? duration : g.End - m);
        return lo <= hi ? Math.Min(hi, lo + lead) : null;
    }

    /// <summary>Sentences, and the silence before each and after the last (null where none is wide enough to cut in).</summary>
    private (List<SpeechUnit> Units, List<Gap?> Gaps) Sentences(List<CueWord> words, List<Gap> busy, double duration)
    {
        var o = options.Value;
        var units = new List<SpeechUnit>();
        var gaps = new List<Gap?> { Widest(busy, 0, words[0].Start) };
        var sentence = new List<CueWord> { words[0] };
        for (var i = 1; i < words.Count; i++)
        {
            var pause = Widest(busy, words[i - 1].End, words[i].Start);
            var ends = pause is { } p && (p.Length >= o.SentencePauseSeconds
                || (HighlightWords.EndsSentence(words[i - 1].Text) && p.Length >= 2 * o.CutMarginSeconds));
            if (ends)
            {
                units.Add(SpeechUnit.Of(sentence));
                gaps.Add(pause);
                sentence = [];
            }

            sentence.Add(words[i]);
        }

        units.Add(SpeechUnit.Of(sentence));
        gaps.Add(Widest(busy, words[^1].End, Math.Max(duration, words[^1].End)));
        return (units, gaps);
    }

    /// <summary>The voice detector's regions as units (no words to split them by), with the silences between them.</summary>
    private static (List<SpeechUnit> Units, List<Gap?> Gaps) Regions(List<Gap> busy, double duration)
    {
        var units = busy.Select(b => new SpeechUnit(b.Start, b.End, [], Question: false)).ToList();
        var gaps = new List<Gap?>();
        for (var i = 0; i <= busy.Count; i++)
        {
            var (from, to) = (i == 0 ? 0 : busy[i - 1].End, i == busy.Count ? duration : busy[i].Start);
            gaps.Add(to > from ? new Gap(from, to) : null);
        }

        return (units, gaps);
    }

    /// <summary>Detected speech and recognized words, merged and in order: nowhere to cut.</summary>
    private static List<Gap> Busy(FootageAnalysis analysis)
    {
        var all = analysis.SpeechRegions.Select(r => new Gap(r.Start, r.End))
            .Concat(analysis.Transcript.Words.Select(w => new Gap(w.Start, w.End)))
            .Where(g => g.End >= g.Start)
            .OrderBy(g => g.Start)
            .ToList();
        var merged = new List<Gap>();
        foreach (var g in all)
        {
            if (merged.Count > 0 && g.Start <= merged[^1].End)
            {
                merged[^1] = merged[^1] with { End = Math.Max(merged[^1].End, g.End) };
            }
            else
            {
                merged.Add(g);
            }
        }

        return merged;
    }

    /// <summary>The widest stretch of [from, to] with no speech in it, or null when speech fills it.</summary>
    private static Gap? Widest(List<Gap> busy, double from, double to)
    {
        Gap? widest = null;
        var cursor = from;
        foreach (var b in busy)
        {
            if (b.End <= cursor)
            {
                continue;
            }

            if (b.Start >= to)
            {
                break;
            }

            if (b.Start > cursor && (widest is null || b.Start - cursor > widest.Value.Length))
            {
                widest = new Gap(cursor, b.Start);
            }

            cursor = Math.Max(cursor, b.End);
        }

        if (to > cursor && (widest is null || to - cursor > widest.Value.Length))
        {
            widest = new Gap(cursor, to);
        }

        return widest;
    }

    private static string? Note(FootageAnalysis analysis, bool byWords, HighlightRequest request)
    {
        var notes = new List<string>();
        if (!byWords)
        {
            notes.Add($"No words were recognized ({analysis.Transcript.Language}, transcript source {analysis.Transcript.Source}): "
                + "highlights are the voice detector's speech regions, cut in the silences between them and scored by speech energy and picture activity.");
            if (request.Keywords is { Count: > 0 })
            {
                notes.Add("Keywords need words and were not used.");
            }
        }

        if (analysis.Transcript.Note is { Length: > 0 } transcriptNote)
        {
            notes.Add(transcriptNote);
        }

        return notes.Count == 0 ? null : string.Join(" ", notes);
    }

    internal readonly record struct Gap(double Start, double End)
    {
        public double Length => End - Start;
    }

    /// <summary>A sentence (or, with no words, a speech region): where its speech begins and ends, and its words.</summary>
    internal sealed record SpeechUnit(double SpeechStart, double SpeechEnd, IReadOnlyList<CueWord> Words, bool Question)
    {
        public static SpeechUnit Of(List<CueWord> words) => new(
            words[0].Start,
            words.Max(w => w.End),
            words,
            // Recognizers write no question marks: a question word in the first two ("so how ...", "and what ...") marks one.
            HighlightWords.EndsQuestion(words[^1].Text)
            || HighlightWords.QuestionOpeners.Contains(HighlightWords.Plain(words[0].Text))
            || (words.Count > 1 && HighlightWords.QuestionWords.Contains(HighlightWords.Plain(words[1].Text))));
    }
}
