namespace Serverless.Studio.Storyboards;

/// <summary>How much of the scene a storyboard shot shows.</summary>
public enum ShotFraming
{
    Closeup,
    Medium,
    Long,
    OverShoulder,
}
