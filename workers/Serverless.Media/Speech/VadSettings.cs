namespace Serverless.Media.Speech;

/// <summary>How probabilities become segments; the defaults are Silero's reference values.</summary>
public sealed record VadSettings(
    float Threshold = 0.5f,
    double MinSpeechSeconds = 0.25,
    double MinSilenceSeconds = 0.1,
    double PadSeconds = 0.03);
