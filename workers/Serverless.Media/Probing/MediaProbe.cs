using FFMpegCore;
using FFMpegCore.Exceptions;

namespace Serverless.Media.Probing;

/// <summary>ffprobe through FFMpegCore.</summary>
public sealed class MediaProbe(MediaOptions options)
{
    public async Task<MediaInfo> AnalyseAsync(string path, CancellationToken cancellationToken = default)
    {
        var analysis = await FFProbe.AnalyseAsync(path, FfmpegRun.Options(options), cancellationToken: cancellationToken);
        var video = analysis.PrimaryVideoStream;
        return new MediaInfo(
            analysis.Duration,
            video?.CodecName,
            video?.Width ?? 0,
            video?.Height ?? 0,
            video?.PixelFormat,
            analysis.PrimaryAudioStream?.CodecName);
    }

    /// <summary>
    /// Fails the job, not the worker, when an input is not what it claims to be. PNG, JPEG and PCM WAV files are
    /// checked from their headers here (<see cref="FileHeader"/>); other files, and any these cannot read, by ffprobe.
    /// </summary>
    public async Task<MediaInfo> RequireAsync(string path, bool needsVideo, bool needsAudio, string what, CancellationToken cancellationToken)
    {
        var info = FileHeader.TryRead(path);
        if (info is null || (needsVideo && info.VideoCodec is null) || (needsAudio && info.AudioCodec is null))
        {
            try
            {
                info = await AnalyseAsync(path, cancellationToken);
            }
            catch (FFMpegException exception)
            {
                throw new InvalidRenderJobException($"{what} is not a readable media file.", exception);
            }
        }

        if (needsVideo && (info.VideoCodec is null || info.Width <= 0 || info.Height <= 0))
        {
            throw new InvalidRenderJobException($"{what} holds no picture.");
        }

        if (needsAudio && info.AudioCodec is null)
        {
            throw new InvalidRenderJobException($"{what} holds no audio.");
        }

        return info;
    }
}
