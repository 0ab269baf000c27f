using Serverless.Studio.Speech;

namespace Serverless.Studio.Tests.Speech;

public sealed class PcmAudioTests
{
    [Fact]
    public void Wav_round_trips()
    {
        var audio = new PcmAudio([0, 1, -1, short.MaxValue, short.MinValue], 22050);

        var back = PcmAudio.FromWav(audio.ToWav());

        Assert.Equal(audio.Samples, back.Samples);
        Assert.Equal(22050, back.SampleRate);
    }

    [Fact]
    public void Streamed_wav_with_placeholder_sizes_reads_to_the_end_of_the_bytes()
    {
        var wav = new PcmAudio([5, 6, 7], 22050).ToWav();
        BitConverter.TryWriteBytes(wav.AsSpan(4), 0x7FFFFFFF);
        BitConverter.TryWriteBytes(wav.AsSpan(40), 0x7FFFFFFF);

        Assert.Equal(new short[] { 5, 6, 7 }, PcmAudio.FromWav(wav).Samples);
    }

    [Fact]
    public void Silence_is_trimmed_to_a_margin()
    {
        var samples = new short[22050];
        samples[11025] = 5000;
        var trimmed = new PcmAudio(samples, 22050).TrimSilence(marginSeconds: 0.01);

        Assert.InRange(trimmed.Samples.Length, 400, 500);
    }

    [Fact]
    public void Garbage_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => PcmAudio.FromWav("not a wav file at all"u8));
    }
}
