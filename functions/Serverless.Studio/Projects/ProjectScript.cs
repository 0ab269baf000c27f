namespace Serverless.Studio.Projects;

/// <summary>A project's script as last written: its text and when.</summary>
public sealed record ProjectScript(string Content, DateTimeOffset UpdatedAt);
