using System.Globalization;
using Serverless.Contracts.Footage;

namespace Serverless.Studio.Footage;

/// <summary>
/// The offline rules that score a span: each feature is 0..1 and weighs in by a fixed share; energy and motion are
/// measured against the loudest and busiest second of the same footage, so a quiet recording is not scored down as a
/// whole. The reason names the features that carried the score.
/// </summary>
internal sealed class ScoringContext(FootageAnalysis analysis, IReadOnlyList<string> keywords)
{
    private readonly double _maxEnergy = analysis.SpeechEnergyPerSecond.DefaultIfEmpty(0).Max();
    private readonly double _maxMotion = analysis.MotionPerSecond.DefaultIfEmpty(0).Max();

    /// <summary>The span's highlight (its id is given when chosen), or null when keywords were asked for and it names none.</summary>
    public Highlight? Score(IReadOnlyList<HighlightPicker.SpeechUnit> units, double start, double end)
    {
        var words = units.SelectMany(u => u.Words).ToList();
        var plain = words.Select(w => HighlightWords.Plain(w.Text)).ToList();
        var matched = keywords.Where(k => plain.Any(p => p.Contains(k, StringComparison.Ordinal))).ToList();
        if (keywords.Count > 0 && matched.Count == 0)
        {
            return null;
        }

        var features = new List<(double Weight, double Value, string Reason)>();
        var energy = Mean(analysis.SpeechEnergyPerSecond, start, end) / (_maxEnergy > 0 ? _maxEnergy : 1);
        features.Add((words.Count > 0 ? 0.15 : 0.6, energy, "lively, loud speech"));
        var cuts = analysis.SceneChanges.Count(t => t > start && t < end);
        var motion = Mean(analysis.MotionPerSecond, start, end) / (_maxMotion > 0 ? _maxMotion : 1);
        var scene = (0.5 * Math.Min(1, cuts / Math.Max(1, (end - start) / 15))) + (0.5 * motion);
        features.Add((words.Count > 0 ? 0.1 : 0.4, scene, cuts > 0 ? $"the picture changes ({cuts} scene cuts)" : "the picture moves"));

        if (words.Count > 0)
        {
            var products = plain.Where(p => HighlightWords.Holds(HighlightWords.Product, p)).Distinct().ToList();
            // Per 20 s of clip, so a long span does not win by collecting words a short one says more tightly.
            features.Add((0.2, Math.Min(1, products.Count / Math.Max(1.5, (end - start) / 20 * 3)), $"product words: {string.Join(", ", products.Take(4))}"));

            // A price is an amount: a price word with a number just before it ("forty nine dollars") counts whole.
            var isPrice = plain.Select(p => HighlightWords.Holds(HighlightWords.Price, p)).ToList();
            var amountAt = Enumerable.Range(0, plain.Count).FirstOrDefault(i => isPrice[i] && plain.Skip(Math.Max(0, i - 3)).Take(Math.Min(i, 3)).Any(HighlightWords.IsNumber), -1);
            var priceAt = amountAt >= 0 ? amountAt : isPrice.IndexOf(true);
            var price = amountAt >= 0 ? 1 : priceAt >= 0 ? 0.5 : 0;
            var phrase = priceAt < 0 ? "" : string.Join(" ", words.Skip(Math.Max(0, priceAt - 3)).Take(Math.Min(priceAt, 3) + 1).Select(w => w.Text));
            features.Add((0.2, price, $"names a price (\"{phrase}\")"));

            // A question with its answer inside the span; one left hanging at the end is worth little.
            var answered = units.Take(units.Count - 1).Any(u => u.Question);
            features.Add((0.15, answered ? 1 : units[^1].Question ? 0.2 : 0, "asks a question and answers it"));

            var speaking = units.Sum(u => u.SpeechEnd - u.SpeechStart);
            var pace = speaking > 0 ? words.Count / speaking : 0;
            features.Add((0.1, Math.Clamp(1 - (Math.Abs(pace - 2.6) / 2.6), 0, 1), $"a clear pace ({pace.ToString("0.0", CultureInfo.InvariantCulture)} words/s)"));
        }

        if (keywords.Count > 0)
        {
            features.Add((0.2, (double)matched.Count / keywords.Count, $"mentions {string.Join(", ", matched)}"));
        }

        var score = features.Sum(f => f.Weight * f.Value) / features.Sum(f => f.Weight);
        var reasons = features.Where(f => f.Value >= 0.5).OrderByDescending(f => f.Weight * f.Value).Take(3).Select(f => f.Reason).ToList();
        var reason = reasons.Count > 0
            ? string.Join("; ", reasons)
            : words.Count > 0 ? "whole sentences of steady speech" : "a stretch of speech between two silences";
        return new Highlight("", start, end, Math.Round(score, 3), reason, Text(words.Select(w => w.Text)));
    }

    /// <summary>The mean of a per-second curve over the seconds [start, end) touches.</summary>
    private static double Mean(IReadOnlyList<double> perSecond, double start, double end)
    {
        var (from, to) = ((int)Math.Floor(start), Math.Min(perSecond.Count, (int)Math.Ceiling(end)));
        return to > from ? Enumerable.Range(from, to - from).Average(i => perSecond[i]) : 0;
    }

    /// <summary>Words joined as read: spaces between Latin words, none between Chinese ones.</summary>
    private static string Text(IEnumerable<string> words)
    {
        var text = new System.Text.StringBuilder();
        foreach (var word in words)
        {
            var cjk = word.Length > 0 && word[0] >= 0x2E80;
            if (text.Length > 0 && !(cjk && text[^1] >= 0x2E80))
            {
                text.Append(' ');
            }

            text.Append(word);
        }

        return text.ToString();
    }
}
