namespace Serverless.Studio.Speech;

/// <summary>How an emotion bends a voice: speaking rate and loudness factors, a pitch shift, whispering.</summary>
public sealed record EmotionProsody(string Name, double RateFactor, int PitchShift, double AmplitudeFactor, bool Whisper = false)
{
    public static readonly EmotionProsody Neutral = new("neutral", 1.0, 0, 1.0);

    // Keywords in Chinese and English as screenplays write them in parentheses: 小明(紧张), Leo (tired).
    private static readonly (string[] Keywords, EmotionProsody Prosody)[] Table =
    [
        (["whisper", "耳语", "小声", "低语", "悄悄", "轻声"], new("whispering", 0.9, -2, 0.9, Whisper: true)),
        (["紧张", "害怕", "恐惧", "惊恐", "慌", "nervous", "tense", "anxious", "scared", "afraid", "fear"], new("nervous", 1.15, 8, 1.0)),
        (["生气", "愤怒", "怒", "吼", "喊", "angry", "furious", "mad", "shout", "yell"], new("angry", 1.12, 4, 1.45)),
        (["惊讶", "吃惊", "震惊", "surprise", "shock", "amazed"], new("surprised", 1.05, 15, 1.2)),
        (["开心", "高兴", "兴奋", "快乐", "激动", "喜悦", "笑", "happy", "excited", "joy", "cheer", "glad", "laugh"], new("happy", 1.1, 12, 1.15)),
        (["悲伤", "难过", "伤心", "哭", "沮丧", "失落", "sad", "crying", "tearful", "depressed", "upset"], new("sad", 0.85, -8, 0.85)),
        (["疲惫", "累", "困", "无力", "tired", "sleepy", "exhausted", "weary"], new("tired", 0.8, -10, 0.75)),
        (["害羞", "羞", "腼腆", "shy", "embarrass", "bashful"], new("shy", 0.9, 5, 0.75)),
        (["温柔", "平静", "冷静", "gentle", "soft", "calm", "tender"], new("calm", 0.92, -3, 0.9)),
        (["严肃", "坚定", "serious", "firm", "stern", "determined"], new("serious", 0.95, -5, 1.1)),
    ];

    /// <summary>The prosody for a free-text emotion; unknown or empty emotions speak neutrally.</summary>
    public static EmotionProsody For(string? emotion)
    {
        if (string.IsNullOrWhiteSpace(emotion))
        {
            return Neutral;
        }

        foreach (var (keywords, prosody) in Table)
        {
            if (keywords.Any(keyword => emotion.Contains(keyword, StringComparison.OrdinalIgnoreCase)))
            {
                return prosody;
            }
        }

        return Neutral;
    }
}
