namespace Serverless.Functions.Projects;

/// <summary><c>DELETE /api/v1/projects/{projectId}</c>'s answer.</summary>
public sealed record ProjectDeleted(string ProjectId, bool Deleted);
