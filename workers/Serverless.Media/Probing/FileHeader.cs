using System.Buffers.Binary;
using SkiaSharp;

namespace Serverless.Media.Probing;

/// <summary>
/// Reads what an input check needs from the headers of the files a render mostly gets (PNG and JPEG stills, WAV
/// clips) in this process. An ffprobe per input cost a process start each: 25 of them, about 1.5 s of CPU, for the
/// reference job. Anything else, or anything these readers cannot make sense of, is left to ffprobe.
/// </summary>
internal static class FileHeader
{
    /// <summary>Enough for the RIFF header, fmt and any chunks before data that WAV writers put there.</summary>
    private const int WavHeadBytes = 64 * 1024;

    public static MediaInfo? TryRead(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[12];
        if (file.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false) < magic.Length)
        {
            return null;
        }

        file.Position = 0;
        if (magic[..4].SequenceEqual("RIFF"u8) && magic.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            var head = new byte[(int)Math.Min(WavHeadBytes, file.Length)];
            file.ReadExactly(head);
            return Wav(head, file.Length);
        }

        return Still(file);
    }

    private static MediaInfo? Still(Stream file)
    {
        using var codec = SKCodec.Create(file);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            return null;
        }

        // The names ffprobe gives these codecs; other formats Skia reads are checked by ffprobe, the decoder that renders them.
        var name = codec.EncodedFormat switch
        {
            SKEncodedImageFormat.Png => "png",
            SKEncodedImageFormat.Jpeg => "mjpeg",
            _ => null,
        };
        return name is null ? null : new MediaInfo(TimeSpan.Zero, name, codec.Info.Width, codec.Info.Height, null, null);
    }

    /// <summary>
    /// Integer PCM (format 1) and float (3), plain or in a WAVE_FORMAT_EXTENSIBLE wrapper. Writers that stream to a pipe
    /// leave placeholder sizes, so the data runs at most to the end of the file.
    /// </summary>
    private static MediaInfo? Wav(ReadOnlySpan<byte> head, long fileLength)
    {
        var offset = 12;
        (int Format, int Channels, int Rate, int Bits, int BlockAlign)? fmt = null;
        while (offset + 8 <= head.Length)
        {
            var id = head.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(head.Slice(offset + 4, 4));
            var body = offset + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || body + 16 > head.Length)
                {
                    return null;
                }

                var format = BinaryPrimitives.ReadUInt16LittleEndian(head.Slice(body, 2));
                if (format == 0xFFFE && size >= 40 && body + 26 <= head.Length)
                {
                    // The sub-format GUID starts with the plain format code.
                    format = BinaryPrimitives.ReadUInt16LittleEndian(head.Slice(body + 24, 2));
                }

                fmt = (format,
                    BinaryPrimitives.ReadUInt16LittleEndian(head.Slice(body + 2, 2)),
                    (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(head.Slice(body + 4, 4)), int.MaxValue),
                    BinaryPrimitives.ReadUInt16LittleEndian(head.Slice(body + 14, 2)),
                    BinaryPrimitives.ReadUInt16LittleEndian(head.Slice(body + 12, 2)));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (fmt is not { } f || f.Channels == 0 || f.Rate == 0 || f.BlockAlign == 0 || Codec(f.Format, f.Bits) is not { } codec)
                {
                    return null;
                }

                var bytes = Math.Min(size, fileLength - body);
                var frames = bytes / f.BlockAlign;
                return frames <= 0 ? null : new MediaInfo(TimeSpan.FromSeconds((double)frames / f.Rate), null, 0, 0, null, codec);
            }

            offset = body + (int)Math.Min(size + (size & 1), int.MaxValue - body);
        }

        return null;
    }

    private static string? Codec(int format, int bits) => (format, bits) switch
    {
        (1, 8) => "pcm_u8",
        (1, 16) => "pcm_s16le",
        (1, 24) => "pcm_s24le",
        (1, 32) => "pcm_s32le",
        (3, 32) => "pcm_f32le",
        (3, 64) => "pcm_f64le",
        _ => null,
    };
}
