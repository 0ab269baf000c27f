namespace Serverless.Studio.Storyboards;

/// <summary>The planned shots of a video, in order, with the style they are drawn in.</summary>
public sealed record Storyboard(IReadOnlyList<StoryboardShot> Shots, string Style, string AspectRatio)
{
    public double TotalDuration => Shots.Sum(s => s.Duration);
}
