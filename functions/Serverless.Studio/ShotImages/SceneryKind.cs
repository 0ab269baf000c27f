namespace Serverless.Studio.ShotImages;

/// <summary>The kind of place a scene plays in, read from keywords of its location.</summary>
internal enum SceneryKind
{
    OpenField,
    Street,
    Park,
    Waterside,
    Mountains,
    Rooftop,
    Room,
    Classroom,
    Cafe,
    Office,
}

internal static class SceneryKeywords
{
    // Checked in order: the more specific places first (教室 before 学校, 天台 before 城市).
    private static readonly (string[] Words, SceneryKind Kind)[] Table =
    [
        (["教室", "课堂", "classroom", "lecture"], SceneryKind.Classroom),
        (["咖啡", "餐厅", "厨房", "饭店", "酒吧", "奶茶", "cafe", "café", "coffee", "kitchen", "restaurant", "bar", "diner", "bakery"], SceneryKind.Cafe),
        (["办公", "公司", "会议", "工作室", "office", "studio", "meeting", "lab", "实验室"], SceneryKind.Office),
        (["卧室", "客厅", "房间", "家", "宿舍", "公寓", "室内", "bedroom", "living room", "room", "home", "apartment", "house", "dorm", "int."], SceneryKind.Room),
        (["天台", "屋顶", "楼顶", "rooftop", "roof"], SceneryKind.Rooftop),
        (["海", "沙滩", "湖", "河", "江", "港", "码头", "beach", "sea", "ocean", "lake", "river", "harbor", "harbour", "pier", "shore"], SceneryKind.Waterside),
        (["山", "村", "田", "乡", "草原", "mountain", "hill", "village", "farm", "field", "countryside", "valley"], SceneryKind.Mountains),
        (["公园", "花园", "森林", "树林", "校园", "park", "garden", "forest", "woods", "campus", "yard"], SceneryKind.Park),
        (["街", "路", "城", "市", "巷", "车站", "地铁", "广场", "商场", "学校", "street", "road", "city", "town", "avenue", "station", "subway", "square", "downtown", "alley", "school", "mall", "ext."], SceneryKind.Street),
    ];

    public static SceneryKind Read(string? location) => TryRead(location, out var kind) ? kind : SceneryKind.OpenField;

    /// <summary>The place a text names, if it names one.</summary>
    public static bool TryRead(string? text, out SceneryKind kind)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            foreach (var (words, candidate) in Table)
            {
                if (words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase)))
                {
                    kind = candidate;
                    return true;
                }
            }
        }

        kind = SceneryKind.OpenField;
        return false;
    }

    public static bool IsInterior(this SceneryKind kind) =>
        kind is SceneryKind.Room or SceneryKind.Classroom or SceneryKind.Cafe or SceneryKind.Office;
}
