using Serverless.Contracts.Rendering;

namespace Serverless.Studio.Footage;

/// <summary>Where a footage's files live in the footage container: everything under <c>{user}/{footage}/</c>.</summary>
public static class FootageBlobs
{
    public static string Folder(string userId, string footageId) => $"{userId}/{footageId}/";

    /// <summary>The uploaded file; its extension kept, so tools that look at it see what it claims to be.</summary>
    public static BlobRef Source(string container, string userId, string footageId, string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var safe = extension.Length is > 1 and <= 6 && extension[1..].All(char.IsAsciiLetterOrDigit) ? extension : "";
        return new(container, $"{Folder(userId, footageId)}source{safe}");
    }

    public static BlobRef Analysis(string container, string userId, string footageId) => new(container, $"{Folder(userId, footageId)}analysis");

    public static BlobRef Clip(string container, string userId, string footageId, string clipId) => new(container, $"{Folder(userId, footageId)}clips/{clipId}.mp4");
}
