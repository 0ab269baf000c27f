using FFMpegCore;

namespace Serverless.Media;

/// <summary>Per-run FFMpegCore options, so concurrent renders never share global state.</summary>
internal static class FfmpegRun
{
    public static FFOptions Options(MediaOptions options, string? workingDirectory = null) => new()
    {
        BinaryFolder = options.FfmpegFolder,
        WorkingDirectory = workingDirectory ?? "",
        TemporaryFilesFolder = workingDirectory ?? Path.GetTempPath(),
    };
}
