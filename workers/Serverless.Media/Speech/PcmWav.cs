namespace Serverless.Media.Speech;

/// <summary>Writes 16 kHz mono float samples as a 16-bit PCM WAV file, the form the offline recognizer reads.</summary>
internal static class PcmWav
{
    public static async Task WriteAsync(string path, ReadOnlyMemory<float> samples, CancellationToken cancellationToken)
    {
        var data = new byte[samples.Length * 2];
        var span = samples.Span;
        for (var i = 0; i < span.Length; i++)
        {
            var value = (short)Math.Clamp(Math.Round(span[i] * short.MaxValue), short.MinValue, short.MaxValue);
            BitConverter.TryWriteBytes(data.AsSpan(i * 2), value);
        }

        var header = new byte[44];
        "RIFF"u8.CopyTo(header);
        BitConverter.TryWriteBytes(header.AsSpan(4), 36 + data.Length);
        "WAVEfmt "u8.CopyTo(header.AsSpan(8));
        BitConverter.TryWriteBytes(header.AsSpan(16), 16);
        BitConverter.TryWriteBytes(header.AsSpan(20), (short)1);
        BitConverter.TryWriteBytes(header.AsSpan(22), (short)1);
        BitConverter.TryWriteBytes(header.AsSpan(24), PcmReader.SampleRate);
        BitConverter.TryWriteBytes(header.AsSpan(28), PcmReader.SampleRate * 2);
        BitConverter.TryWriteBytes(header.AsSpan(32), (short)2);
        BitConverter.TryWriteBytes(header.AsSpan(34), (short)16);
        "data"u8.CopyTo(header.AsSpan(36));
        BitConverter.TryWriteBytes(header.AsSpan(40), data.Length);
        await using var file = File.Create(path);
        await file.WriteAsync(header, cancellationToken);
        await file.WriteAsync(data, cancellationToken);
    }
}
