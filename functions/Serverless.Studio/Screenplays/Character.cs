namespace Serverless.Studio.Screenplays;

/// <summary>A character as declared by the script: name plus free attributes (gender, role, age...).</summary>
public sealed record Character(string Name, IReadOnlyList<string> Attributes);
