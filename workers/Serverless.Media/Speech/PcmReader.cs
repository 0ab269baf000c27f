using FFMpegCore;
using FFMpegCore.Pipes;

namespace Serverless.Media.Speech;

/// <summary>Decodes any audio file to 16 kHz mono float samples through ffmpeg (output piping works with ffmpeg 5.1).</summary>
internal static class PcmReader
{
    public const int SampleRate = 16000;

    public static async Task<float[]> ReadMono16kAsync(string path, MediaOptions options, CancellationToken cancellationToken)
    {
        using var pcm = new MemoryStream();
        await FFMpegArguments.FromFileInput(path, verifyExists: true)
            .OutputToPipe(new StreamPipeSink(pcm), o => o.WithCustomArgument($"-vn -ac 1 -ar {SampleRate} -f f32le"))
            .ProcessAsynchronously(throwOnError: true, FfmpegRun.Options(options), cancellationToken);
        var bytes = pcm.ToArray();
        var samples = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * sizeof(float));
        return samples;
    }
}
