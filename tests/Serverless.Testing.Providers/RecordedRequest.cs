namespace Serverless.Testing.Providers;

/// <summary>One request the fake Azure OpenAI server received.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string? ApiKey, string Body);
