namespace Serverless.Studio.Screenplays;

/// <summary>
/// A scene: where and when it happens, who is in it, and its lines in order. The JSON name of
/// <see cref="Shots"/> is <c>shots</c> because that is the seed format's name for a scene's lines.
/// </summary>
public sealed record Scene(string Id, string Location, string Time, IReadOnlyList<string> Characters, IReadOnlyList<ScriptLine> Shots)
{
    /// <summary><c>interior</c>, <c>exterior</c> or <c>interior/exterior</c> when the script says so (Fountain).</summary>
    public string? Setting { get; init; }
}
