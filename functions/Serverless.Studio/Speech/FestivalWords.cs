using Serverless.Captions;
using System.Globalization;
using Serverless.Contracts.Rendering;

namespace Serverless.Studio.Speech;

/// <summary>
/// Reads the word times festival prints for a line (one <c>word token start end</c> line per spoken word) and puts
/// them on the line's own words: the words festival read from one token are timed together, and tokens are matched to
/// the line's display units (<see cref="CaptionWords.Units"/>) in order. Where the two do not pair up one to one, the
/// units are spread over the spans festival spoke, so the times still come from the speech.
/// </summary>
internal static class FestivalWords
{
    public const string Marker = "WORD";

    /// <param name="scale">How much sox's tempo stretched the audio (shaped length over festival's length).</param>
    /// <param name="clipSeconds">The finished clip's length: no word ends after it.</param>
    public static IReadOnlyList<CueWord> Read(string output, string text, double scale, double clipSeconds)
    {
        var tokens = new List<(string Token, double Start, double End)>();
        foreach (var line in output.Split('\n', StringSplitOptions.TrimEntries))
        {
            var columns = line.Split('\t');
            if (columns.Length != 4 || columns[0] != Marker
                || !double.TryParse(columns[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var start)
                || !double.TryParse(columns[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var end)
                || end <= start)
            {
                // Words festival could not time (characters outside its lexicon) have zero times: they are skipped.
                continue;
            }

            if (tokens.Count > 0 && tokens[^1].Token == columns[1])
            {
                tokens[^1] = tokens[^1] with { End = end };
            }
            else
            {
                tokens.Add((columns[1], start, end));
            }
        }

        var spans = tokens.Select(t => (Math.Min(t.Start * scale, clipSeconds), Math.Min(t.End * scale, clipSeconds))).ToList();
        var units = CaptionWords.Units(text);
        if (tokens.Count == 0 || units.Count == 0)
        {
            return [];
        }

        if (units.Count != tokens.Count)
        {
            return CaptionWords.Spread(text, spans);
        }

        return CaptionWords.Shift(units.Select((unit, i) => new CueWord(unit, spans[i].Item1, spans[i].Item2)).ToList(), 0, 0, clipSeconds);
    }
}
