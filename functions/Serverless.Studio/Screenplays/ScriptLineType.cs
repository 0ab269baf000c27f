namespace Serverless.Studio.Screenplays;

/// <summary>What a line of a screenplay is: spoken by a character, spoken by the narrator, or seen.</summary>
public enum ScriptLineType
{
    Dialogue,
    Narration,
    Action,
}
