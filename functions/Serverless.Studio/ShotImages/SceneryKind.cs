namespace Serverless.Studio.ShotImages;

/// <summary>The kind of place a scene plays in, read from keywords of its location; each has its own scenery.</summary>
public enum SceneryKind
{
    /// <summary>A neutral outdoor place: what an exterior the script does not name falls back to.</summary>
    Exterior,

    /// <summary>A neutral room: what an interior the script does not name falls back to.</summary>
    Interior,
    Street,
    Station,
    Shop,
    Market,
    Park,
    Forest,
    Waterside,
    Mountains,
    Rooftop,
    Home,
    Bedroom,
    Kitchen,
    Classroom,
    SchoolHall,
    Cafe,
    Office,
    Hospital,
    Vehicle,
    Stage,
    OpenField,
}

public static class SceneryKeywords
{
    // Checked in order: the more specific places first (病房 before 房间, bus station before bus, 菜市场 before 店).
    // English words match at the start of a word, so "bar" is not read in "barn"'s middle nor "ward" in "toward".
    private static readonly (string[] Words, SceneryKind Kind)[] Table =
    [
        (["医院", "病房", "急诊", "诊所", "手术室", "护士站", "hospital", "ward", "clinic", "infirmary", "emergency room", "icu"], SceneryKind.Hospital),
        (["车站", "地铁", "站台", "月台", "火车站", "高铁", "候车", "station", "platform", "subway", "metro", "train", "railway", "underground"], SceneryKind.Station),
        (["教室", "课堂", "classroom", "lecture"], SceneryKind.Classroom),
        (["礼堂", "体育馆", "学校", "校园大厅", "school", "auditorium", "gymnasium", "gym", "assembly hall"], SceneryKind.SchoolHall),
        (["厨房", "灶台", "kitchen"], SceneryKind.Kitchen),
        (["卧室", "寝室", "宿舍", "bedroom", "dorm"], SceneryKind.Bedroom),
        (["舞台", "剧场", "剧院", "后台", "音乐厅", "stage", "theater", "theatre", "concert", "backstage"], SceneryKind.Stage),
        (["咖啡", "餐厅", "饭店", "酒吧", "奶茶", "茶馆", "面馆", "cafe", "café", "coffee", "restaurant", "bar", "diner", "bakery", "pub", "teahouse"], SceneryKind.Cafe),
        (["办公", "公司", "会议", "工作室", "实验室", "office", "studio", "meeting", "lab"], SceneryKind.Office),
        (["市场", "集市", "夜市", "摊", "market", "bazaar", "stall", "fair"], SceneryKind.Market),
        (["商店", "超市", "便利店", "商场", "小店", "书店", "药店", "shop", "store", "supermarket", "boutique", "pharmacy", "mall", "bookstore"], SceneryKind.Shop),
        (["出租车", "公交", "车内", "车里", "车上", "汽车", "轿车", "巴士", "car", "taxi", "bus", "cab", "truck", "van", "backseat"], SceneryKind.Vehicle),
        (["客厅", "家", "公寓", "房间", "屋里", "living room", "home", "apartment", "house", "flat", "room"], SceneryKind.Home),
        (["天台", "屋顶", "楼顶", "rooftop", "roof"], SceneryKind.Rooftop),
        (["海", "沙滩", "湖", "河", "江", "港", "码头", "beach", "sea", "ocean", "lake", "river", "harbor", "harbour", "pier", "shore", "dock"], SceneryKind.Waterside),
        (["森林", "树林", "林中", "竹林", "forest", "woods", "jungle"], SceneryKind.Forest),
        (["山", "村", "乡", "mountain", "hill", "village", "valley", "cliff"], SceneryKind.Mountains),
        (["公园", "花园", "校园", "park", "garden", "campus", "yard", "playground"], SceneryKind.Park),
        (["田", "草原", "旷野", "原野", "荒野", "field", "meadow", "farm", "countryside", "prairie", "desert"], SceneryKind.OpenField),
        (["街", "路", "城", "巷", "广场", "street", "road", "city", "town", "avenue", "square", "downtown", "alley", "sidewalk", "crossing"], SceneryKind.Street),
    ];

    /// <summary>The place a location names, or the neutral exterior.</summary>
    public static SceneryKind Read(string? location) => TryRead(location, out var kind) ? kind : SceneryKind.Exterior;

    /// <summary>The place a text names, if it names one.</summary>
    public static bool TryRead(string? text, out SceneryKind kind)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            foreach (var (words, candidate) in Table)
            {
                if (words.Any(w => Names(text, w)))
                {
                    kind = candidate;
                    return true;
                }
            }
        }

        kind = SceneryKind.Exterior;
        return false;
    }

    /// <summary>Where a place is drawn as a room (walls, floor) when the script does not say INT. or EXT.</summary>
    public static bool IsInterior(this SceneryKind kind) => kind is SceneryKind.Interior or SceneryKind.Home or SceneryKind.Bedroom
        or SceneryKind.Kitchen or SceneryKind.Classroom or SceneryKind.SchoolHall or SceneryKind.Cafe or SceneryKind.Office
        or SceneryKind.Hospital or SceneryKind.Vehicle or SceneryKind.Stage or SceneryKind.Shop;

    internal static bool Names(string text, string word)
    {
        if (!char.IsAscii(word[0]))
        {
            return text.Contains(word, StringComparison.Ordinal);
        }

        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            if (at == 0 || !char.IsLetter(text[at - 1]))
            {
                return true;
            }
        }

        return false;
    }
}
