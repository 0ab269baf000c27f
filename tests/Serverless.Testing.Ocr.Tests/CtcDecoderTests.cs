namespace Serverless.Testing.Ocr.Tests;

public sealed class CtcDecoderTests
{
    private static readonly string[] Characters = ["", "你", "好", " "];

    [Fact]
    public void Collapses_repeats_drops_blanks_and_keeps_doubled_letters_split_by_a_blank()
    {
        // Steps: 你 你 blank 好 blank 好 → "你好好": a blank between two 好 means two characters.
        var steps = new[] { 1, 1, 0, 2, 0, 2 };
        var probabilities = OneHot(steps, 0.9f);

        var (text, confidence) = CtcDecoder.Decode(probabilities, steps.Length, Characters.Length, c => Characters[c]);

        Assert.Equal("你好好", text);
        Assert.Equal(0.9f, confidence, 3);
    }

    [Fact]
    public void All_blank_output_is_empty_with_zero_confidence()
    {
        var probabilities = OneHot([0, 0, 0], 0.99f);

        Assert.Equal((string.Empty, 0f), CtcDecoder.Decode(probabilities, 3, Characters.Length, c => Characters[c]));
    }

    [Fact]
    public void Confidence_is_the_mean_of_the_kept_steps_only()
    {
        var probabilities = new float[3 * Characters.Length];
        probabilities[0 * 4 + 1] = 0.6f;
        probabilities[1 * 4 + 0] = 0.99f;
        probabilities[2 * 4 + 3] = 1.0f;

        var (text, confidence) = CtcDecoder.Decode(probabilities, 3, Characters.Length, c => Characters[c]);

        Assert.Equal("你 ", text);
        Assert.Equal(0.8f, confidence, 3);
    }

    private static float[] OneHot(int[] classes, float probability)
    {
        var result = new float[classes.Length * Characters.Length];
        for (var t = 0; t < classes.Length; t++)
        {
            for (var c = 0; c < Characters.Length; c++)
            {
                result[t * Characters.Length + c] = c == classes[t] ? probability : (1 - probability) / (Characters.Length - 1);
            }
        }

        return result;
    }
}
