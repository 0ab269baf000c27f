using Serverless.Studio.ShotImages;
using Serverless.Studio.Speech;

namespace Serverless.Studio.Tests.Providers;

/// <summary>An offline image provider that answers with a marker and counts its calls.</summary>
public sealed class CountingShotImages : IShotImageGenerator
{
    public static readonly byte[] Marker = [0x0F, 0xF1, 0x1E];

    public int Calls;

    public Task<byte[]> GenerateAsync(ShotImageRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Calls);
        return Task.FromResult(Marker);
    }
}

/// <summary>An offline speech provider that answers with a 2-second silent clip and counts its calls.</summary>
public sealed class CountingSpeech : ISpeechSynthesizer
{
    public int Calls;

    public Task<SpeechClip> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Calls);
        return Task.FromResult(new SpeechClip(new PcmAudio(new short[32_000], 16_000).ToWav(), 2.0, "offline-fake"));
    }
}
