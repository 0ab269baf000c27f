namespace Serverless.Media.Presets;

/// <summary>Preview: small and fast, to check a storyboard. Final: the deliverable.</summary>
public enum RenderMode
{
    Preview,
    Final,
}
