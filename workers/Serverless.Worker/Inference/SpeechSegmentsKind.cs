using System.Text.Json;
using FFMpegCore.Exceptions;
using Serverless.Contracts;
using Serverless.Contracts.Inference;
using Serverless.Media;
using Serverless.Media.Inference;
using Serverless.Media.Speech;

namespace Serverless.Worker.Inference;

/// <summary><see cref="InferenceKinds.SpeechSegments"/>: Silero VAD over one audio blob, answered as JSON speech segments.</summary>
public sealed class SpeechSegmentsKind(MediaOptions media) : IInferenceKind
{
    public string Name => InferenceKinds.SpeechSegments;

    public int InputCount => 1;

    public async Task<InferenceOutput> RunAsync(ModelSessionPool model, IReadOnlyList<string> inputs, string work, CancellationToken cancellationToken)
    {
        using var vad = new SileroVad(model, media);
        IReadOnlyList<SpeechSegment> segments;
        double seconds;
        try
        {
            var samples = await SileroVad.ReadAudioAsync(inputs[0], media, cancellationToken);
            seconds = (double)samples.Length / SileroVad.SampleRate;
            segments = await vad.DetectAsync(samples, new VadSettings(), cancellationToken);
        }
        catch (FFMpegException exception)
        {
            throw new InvalidInferenceJobException($"The input is not readable audio: {exception.Message}", exception);
        }

        var result = new SpeechSegmentsResult(model.Name, Math.Round(seconds, 3), segments.Select(s => new SpeechSegmentSpan(Math.Round(s.Start, 3), Math.Round(s.End, 3))).ToList());
        var path = Path.Combine(work, "speech-segments.json");
        await using (var file = File.Create(path))
        {
            await JsonSerializer.SerializeAsync(file, result, JobJson.Options, cancellationToken);
        }

        return new InferenceOutput(path, "application/json", $"{segments.Count} speech segment(s) in {seconds:F2} s of audio");
    }
}
