namespace Serverless.Functions.Videos;

/// <summary><c>POST /api/v1/videos</c>'s 202: the task to follow and, when a webhook URL was given, its endpoint.</summary>
public sealed record VideoStarted(string TaskId, string ProjectId, string StatusUrl, VideoWebhook? Webhook);

/// <summary>The per-video webhook endpoint; its secret, shown this once, verifies the signed callbacks.</summary>
public sealed record VideoWebhook(string Id, string Url, string Secret);
