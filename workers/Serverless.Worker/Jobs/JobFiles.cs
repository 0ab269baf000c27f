using Serverless.Contracts.Rendering;

namespace Serverless.Worker.Jobs;

/// <summary>Names of the files a job reads and writes, locally and in blob storage.</summary>
internal static class JobFiles
{
    private static readonly HashSet<string> ImageExtensions = [".png", ".jpg", ".jpeg", ".webp", ".bmp"];
    private static readonly HashSet<string> AudioExtensions = [".wav", ".mp3", ".m4a", ".aac", ".ogg", ".opus", ".flac"];

    /// <summary>A local name that keeps a known extension (ffmpeg's image reader goes by it) and nothing else of the blob's name.</summary>
    public static string Local(string workDirectory, string prefix, int index, BlobRef blob, bool image)
    {
        var extension = Path.GetExtension(blob.Path).ToLowerInvariant();
        var known = image ? ImageExtensions : AudioExtensions;
        return Path.Combine(workDirectory, $"{prefix}-{index:000}{(known.Contains(extension) ? extension : image ? ".png" : ".wav")}");
    }

    /// <summary>A sibling of the video blob: same name, another extension (renders/u/p/video.mp4 -> renders/u/p/video.jpg).</summary>
    public static BlobRef Sibling(BlobRef video, string extension)
    {
        var path = video.Path;
        var slash = path.LastIndexOf('/');
        var dot = path.LastIndexOf('.');
        var stem = dot > slash ? path[..dot] : path;
        return video with { Path = stem + extension };
    }

    /// <summary>A folder name from the job id, which is not ours to trust.</summary>
    public static string WorkFolder(string root, string jobId)
    {
        var safe = new string(jobId.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(64).ToArray());
        return Path.Combine(root, $"{(safe.Length > 0 ? safe : "job")}-{Guid.NewGuid():N}");
    }
}
