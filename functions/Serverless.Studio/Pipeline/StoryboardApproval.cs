namespace Serverless.Studio.Pipeline;

/// <summary>The external event that lets a video waiting on its storyboard go on.</summary>
public sealed record StoryboardApproval(string ApprovedBy, DateTimeOffset ApprovedAt, string? Comment = null)
{
    public const string EventName = "StoryboardApproved";
}
