using Serverless.Contracts.Footage;

namespace Serverless.Studio.Footage;

/// <summary>
/// Where a footage's sound is cut into pieces a transcription request may carry: each at most the longest piece
/// allowed, cut in the middle of the widest silence the voice detector left in the piece's second half, so no word is
/// split between two requests. Only speech that runs without a pause for half a piece is cut where it is.
/// </summary>
public static class TranscriptionPieces
{
    public static IReadOnlyList<(double Start, double End)> Plan(double duration, IReadOnlyList<SpeechSpan> speech, double maxSeconds)
    {
        ArgumentNullException.ThrowIfNull(speech);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxSeconds, 0);
        var regions = speech.Where(r => r.End > r.Start).OrderBy(r => r.Start).ToList();
        var pieces = new List<(double, double)>();
        var cursor = 0.0;
        while (duration - cursor > maxSeconds)
        {
            var (from, to) = (cursor + (maxSeconds / 2), cursor + maxSeconds);
            var cut = Silences(regions, from, to).OrderByDescending(g => g.End - g.Start).Select(g => (g.Start + g.End) / 2).DefaultIfEmpty(to).First();
            pieces.Add((cursor, cut));
            cursor = cut;
        }

        if (duration > cursor)
        {
            pieces.Add((cursor, duration));
        }

        return pieces;
    }

    /// <summary>The stretches of [from, to] no speech region touches.</summary>
    private static IEnumerable<(double Start, double End)> Silences(List<SpeechSpan> regions, double from, double to)
    {
        var cursor = from;
        foreach (var r in regions.Where(r => r.End > from && r.Start < to))
        {
            if (r.Start > cursor)
            {
                yield return (cursor, r.Start);
            }

            cursor = Math.Max(cursor, r.End);
        }

        if (to > cursor)
        {
            yield return (cursor, to);
        }
    }
}
