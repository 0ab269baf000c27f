namespace Serverless.Studio.Videos;

/// <summary>A short-lived link to a finished video.</summary>
public sealed record VideoDownload(Uri DownloadUrl, DateTimeOffset ExpiresAt, long FileSize, double Duration);
