using Serverless.Studio.Screenplays;

namespace Serverless.Studio.Storyboards;

/// <summary>
/// Chooses how much of the scene a shot shows, the way a storyboard artist would: wide to establish
/// a scene, show action or carry narration (no one speaks on screen), close on strong feeling, over the shoulder when two people talk, medium
/// otherwise, and never the same tight framing three times running.
/// </summary>
internal static class FramingRules
{
    /// <summary>Feelings strong enough to want the face filling the frame.</summary>
    private static readonly string[] IntenseEmotions =
    [
        "紧张", "害羞", "勇气", "惊讶", "害怕", "恐惧", "激动", "哭", "泪", "愤怒", "生气", "震惊", "绝望", "崩溃", "心动", "低沉", "颤抖", "哽咽",
        "nervous", "shy", "afraid", "scared", "terrified", "shocked", "amazed", "angry", "furious", "crying", "tearful", "desperate",
        "whisper", "trembling", "heartbroken", "excited",
    ];

    public static ShotFraming Choose(ScriptLine line, ScriptLine? previousDialogue, bool firstInScene, IReadOnlyList<ShotFraming> recent)
    {
        var framing = ChooseByContent(line, previousDialogue, firstInScene);
        if (framing is ShotFraming.Closeup or ShotFraming.OverShoulder && recent.Count >= 2 && recent[^1] == framing && recent[^2] == framing)
        {
            // A third identical tight shot in a row reads as a frozen camera; step back.
            return ShotFraming.Medium;
        }

        return framing;
    }

    public static bool IsIntense(string? emotion) =>
        emotion is not null && IntenseEmotions.Any(e => emotion.Contains(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>A reply: the scene's previous dialogue was spoken on screen by someone else.</summary>
    public static bool IsReply(ScriptLine line, ScriptLine? previousDialogue) =>
        line.Type == ScriptLineType.Dialogue
        && previousDialogue is { Type: ScriptLineType.Dialogue, OffScreen: false }
        && !string.Equals(previousDialogue.Character, line.Character, StringComparison.OrdinalIgnoreCase);

    private static ShotFraming ChooseByContent(ScriptLine line, ScriptLine? previousDialogue, bool firstInScene)
    {
        if (firstInScene || line.Type is ScriptLineType.Action or ScriptLineType.Narration)
        {
            return ShotFraming.Long;
        }

        if (line.OffScreen)
        {
            return ShotFraming.Medium;
        }

        if (IsIntense(line.Emotion))
        {
            return ShotFraming.Closeup;
        }

        if (IsReply(line, previousDialogue))
        {
            return ShotFraming.OverShoulder;
        }

        return line.Emotion is null ? ShotFraming.Medium : ShotFraming.Closeup;
    }
}
