namespace Serverless.Studio.Screenplays;

/// <summary>The content-bearing elements of a Fountain script, in order.</summary>
internal abstract record FountainElement
{
    public sealed record Heading(SceneHeading Scene) : FountainElement;

    public sealed record Action(string Text) : FountainElement;

    public sealed record Dialogue(string Name, string Text, string? Emotion, bool OffScreen) : FountainElement;
}
