namespace Serverless.Studio.ShotImages;

/// <summary>The light a scene plays in, read from the screenplay's time (傍晚, morning, NIGHT...).</summary>
public enum TimeOfDay
{
    Morning,
    Day,
    Dusk,
    Night,
}

public static class TimeOfDayWords
{
    private static readonly (string[] Words, TimeOfDay Time)[] Table =
    [
        (["夜", "晚上", "午夜", "凌晨", "night", "midnight"], TimeOfDay.Night),
        (["傍晚", "黄昏", "夕阳", "日落", "薄暮", "dusk", "sunset", "evening", "twilight"], TimeOfDay.Dusk),
        (["清晨", "黎明", "早晨", "早上", "拂晓", "日出", "dawn", "morning", "sunrise", "早"], TimeOfDay.Morning),
        (["白天", "中午", "正午", "下午", "上午", "午后", "day", "noon", "afternoon"], TimeOfDay.Day),
    ];

    public static TimeOfDay Read(string? time) => TryRead(time, out var value) ? value : TimeOfDay.Day;

    /// <summary>The light a text names, if it names one.</summary>
    public static bool TryRead(string? text, out TimeOfDay value)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            foreach (var (words, candidate) in Table)
            {
                if (words.Any(w => SceneryKeywords.Names(text, w)))
                {
                    value = candidate;
                    return true;
                }
            }
        }

        value = TimeOfDay.Day;
        return false;
    }
}
