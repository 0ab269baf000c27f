using System.Buffers.Binary;

namespace Serverless.Studio.Speech;

/// <summary>Mono 16-bit PCM samples at a sample rate: what espeak-ng produces and what a clip's WAV holds.</summary>
public sealed record PcmAudio(short[] Samples, int SampleRate)
{
    public double DurationSeconds => (double)Samples.Length / SampleRate;

    /// <summary>
    /// Reads a mono 16-bit PCM WAV. espeak-ng writing to stdout cannot seek back, so its RIFF and data sizes are
    /// placeholders (0x7FFFFFFF): the data chunk is taken to run to the end of the bytes actually received.
    /// </summary>
    public static PcmAudio FromWav(ReadOnlySpan<byte> wav)
    {
        if (wav.Length < 12 || !wav[..4].SequenceEqual("RIFF"u8) || !wav.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException("Not a RIFF/WAVE file.");
        }

        int? sampleRate = null;
        var offset = 12;
        while (offset + 8 <= wav.Length)
        {
            var id = wav.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(wav.Slice(offset + 4, 4));
            var body = offset + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                var format = BinaryPrimitives.ReadUInt16LittleEndian(wav.Slice(body, 2));
                var channels = BinaryPrimitives.ReadUInt16LittleEndian(wav.Slice(body + 2, 2));
                var bits = BinaryPrimitives.ReadUInt16LittleEndian(wav.Slice(body + 14, 2));
                if (format != 1 || channels != 1 || bits != 16)
                {
                    throw new InvalidDataException($"Expected mono 16-bit PCM, got format {format}, {channels} channels, {bits} bits.");
                }

                sampleRate = (int)BinaryPrimitives.ReadUInt32LittleEndian(wav.Slice(body + 4, 4));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (sampleRate is not { } rate)
                {
                    throw new InvalidDataException("WAV data chunk before its fmt chunk.");
                }

                var available = wav.Length - body;
                var length = (int)Math.Min(size, (uint)available) & ~1;
                var samples = new short[length / 2];
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(wav.Slice(body + (2 * i), 2));
                }

                return new PcmAudio(samples, rate);
            }

            offset = body + (int)Math.Min(size + (size & 1), (uint)(wav.Length - body));
        }

        throw new InvalidDataException("WAV file has no data chunk.");
    }

    /// <summary>A canonical 44-byte-header WAV file with correct sizes.</summary>
    public byte[] ToWav()
    {
        var dataBytes = Samples.Length * 2;
        var wav = new byte[44 + dataBytes];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(36 + dataBytes));
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)(SampleRate * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)dataBytes);
        for (var i = 0; i < Samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (2 * i))..], Samples[i]);
        }

        return wav;
    }

    /// <summary>
    /// The audio without leading and trailing near-silence, keeping a short margin. Each espeak-ng call pads its
    /// output with silence; at the seams of a mixed-script line that padding would sound like a stumble.
    /// </summary>
    public PcmAudio TrimSilence(double marginSeconds = 0.04, short threshold = 200)
    {
        var first = Array.FindIndex(Samples, s => Math.Abs((int)s) > threshold);
        if (first < 0)
        {
            return this with { Samples = [] };
        }

        var last = Array.FindLastIndex(Samples, s => Math.Abs((int)s) > threshold);
        var margin = (int)(marginSeconds * SampleRate);
        var start = Math.Max(0, first - margin);
        var end = Math.Min(Samples.Length, last + 1 + margin);
        return this with { Samples = Samples[start..end] };
    }

    /// <summary>Joins clips of the same sample rate end to end.</summary>
    public static PcmAudio Concat(IReadOnlyList<PcmAudio> parts)
    {
        if (parts.Count == 0)
        {
            throw new ArgumentException("Nothing to concatenate.", nameof(parts));
        }

        var rate = parts[0].SampleRate;
        if (parts.Any(p => p.SampleRate != rate))
        {
            throw new ArgumentException("Clips have different sample rates.", nameof(parts));
        }

        return new PcmAudio(parts.SelectMany(p => p.Samples).ToArray(), rate);
    }
}
