namespace Serverless.Studio.Projects;

/// <summary>A new project, or an edit of one (null fields stay as they are).</summary>
public sealed record ProjectDraft(
    string? Name = null,
    string? Description = null,
    string? Style = null,
    string? AspectRatio = null,
    double? TargetDuration = null,
    int? Seed = null,
    bool? ApprovalRequired = null,
    string? Script = null);

/// <summary>One page of a list, with what it takes to ask for the next.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int TotalPages => Total == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}
