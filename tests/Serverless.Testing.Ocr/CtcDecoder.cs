namespace Serverless.Testing.Ocr;

/// <summary>
/// Greedy CTC decoding as PaddleOCR does it: take the best class per time step, collapse consecutive repeats,
/// drop blanks; confidence is the mean probability of the kept steps.
/// </summary>
internal static class CtcDecoder
{
    public const int Blank = 0;

    /// <param name="probabilities">Row-major [steps, classes] softmax output.</param>
    public static (string Text, float Confidence) Decode(
        ReadOnlySpan<float> probabilities, int steps, int classes, Func<int, string> characterOf)
    {
        var text = new System.Text.StringBuilder();
        var scoreSum = 0f;
        var kept = 0;
        var previous = -1;
        for (var t = 0; t < steps; t++)
        {
            var row = probabilities.Slice(t * classes, classes);
            var best = 0;
            for (var c = 1; c < row.Length; c++)
            {
                if (row[c] > row[best])
                {
                    best = c;
                }
            }

            if (best != Blank && best != previous)
            {
                text.Append(characterOf(best));
                scoreSum += row[best];
                kept++;
            }

            previous = best;
        }

        return kept == 0 ? (string.Empty, 0f) : (text.ToString(), scoreSum / kept);
    }
}
