using System.Text.RegularExpressions;
using Serverless.Studio.Speech;

namespace Serverless.Studio.Characters;

/// <summary>
/// The words a script uses for who someone is: titles, honorifics and kinship words (Mrs., 先生, 阿婆, grandfather),
/// pronouns (she, 他), common given names, ages in years ("30s", "(8)", "七十岁", "in her fifties") and the clothing
/// and props a figure can be drawn with.
/// </summary>
internal static partial class LookWords
{
    private static readonly string[] FemaleTitles =
    [
        "mrs", "ms", "miss", "madam", "lady", "queen", "princess", "aunt", "auntie", "grandma", "granny", "grandmother", "mother", "mom",
        "mum", "mama", "sister", "daughter", "wife", "girl", "woman", "widow", "actress", "waitress",
    ];

    private static readonly string[] MaleTitles =
    [
        "mr", "sir", "lord", "king", "prince", "uncle", "grandpa", "grandfather", "father", "dad", "papa", "brother", "son", "husband",
        "boy", "man", "gentleman", "widower", "actor", "waiter",
    ];

    private static readonly string[] FemaleHanzi =
        ["女士", "小姐", "阿婆", "婆婆", "奶奶", "外婆", "姥姥", "妈妈", "母亲", "阿姨", "姐姐", "妹妹", "大妈", "大娘", "婶", "姑娘", "女孩", "女儿", "太太", "老太", "嫂", "妈", "姐", "妹"];

    private static readonly string[] MaleHanzi =
        ["先生", "爷爷", "外公", "姥爷", "爸爸", "父亲", "叔叔", "伯伯", "哥哥", "弟弟", "大爷", "老头", "男孩", "儿子", "公公", "爸", "叔", "伯", "哥", "弟"];

    private static readonly string[] SeniorWords =
    [
        "grandma", "granny", "grandmother", "grandpa", "grandfather", "elderly", "elder", "old", "aged", "senior", "老年", "年迈",
        "阿婆", "婆婆", "奶奶", "外婆", "姥姥", "爷爷", "外公", "姥爷", "大爷", "老太", "老头", "老人", "老奶奶", "老爷爷", "白发",
    ];

    private static readonly string[] ChildWords =
        ["child", "kid", "little girl", "little boy", "toddler", "baby", "girl", "boy", "小女孩", "小男孩", "女孩", "男孩", "孩子", "儿童", "小朋友", "小学生"];

    private static readonly string[] TeenWords = ["teen", "teenager", "teenage", "adolescent", "少年", "少女", "中学生", "高中生"];

    private static readonly string[] FemaleNames =
    [
        "anna", "mary", "emma", "olivia", "sophia", "sophie", "mia", "lily", "grace", "sarah", "kate", "lucy", "alice", "rose", "jane",
        "emily", "hannah", "laura", "julia", "maria", "linda", "susan", "helen", "nora", "eva", "ella", "chloe", "zoe", "amy", "lisa",
        "rachel", "ruth", "clara", "iris", "ivy", "margaret", "elizabeth", "anne", "ellen", "martha", "rita", "nina", "lena", "mei", "ling",
    ];

    private static readonly string[] MaleNames =
    [
        "ben", "john", "james", "david", "michael", "tom", "jack", "sam", "leo", "max", "peter", "paul", "mark", "luke", "daniel",
        "henry", "george", "adam", "noah", "liam", "oliver", "lucas", "ethan", "robert", "william", "frank", "joe", "mike", "nick",
        "eric", "kevin", "ryan", "harry", "oscar", "victor", "walter", "arthur", "harold", "albert", "edward", "tim", "bob", "wei", "jun",
    ];

    // The last Hanzi of a given name often tells; 小明 is a boy's name and 小红 a girl's.
    private const string FemaleNameHanzi = "红丽芳娟婷梅兰燕霞琳雪美娜静秀玲萍莉琴珍凤花英慧颖";
    private const string MaleNameHanzi = "明刚强伟军勇峰涛斌鹏龙杰磊浩辉超亮虎雄彪";

    /// <summary>Drawable props by their canonical word, with the words that name them.</summary>
    public static readonly IReadOnlyList<(string Prop, string[] Words)> Props =
    [
        ("raincoat", ["raincoat", "rain coat", "trench coat", "trenchcoat", "雨衣", "风衣"]),
        ("uniform", ["uniform", "scrubs", "nurse", "police", "officer", "guard", "soldier", "制服", "警服", "护士", "警察", "保安", "军装"]),
        ("glasses", ["glasses", "spectacles", "眼镜"]),
        ("phone", ["phone", "cellphone", "smartphone", "手机", "电话"]),
        ("notebook", ["notebook", "diary", "journal", "笔记本", "本子", "日记"]),
        ("umbrella", ["umbrella", "伞"]),
        ("bag", ["bag", "handbag", "backpack", "purse", "satchel", "briefcase", "书包", "背包", "包"]),
    ];

    private static readonly (string Word, string Name)[] Colors =
    [
        ("red", "red"), ("blue", "blue"), ("green", "green"), ("yellow", "yellow"), ("black", "black"), ("white", "white"), ("pink", "pink"),
        ("purple", "purple"), ("orange", "orange"), ("brown", "brown"), ("grey", "grey"), ("gray", "grey"),
        ("红", "red"), ("蓝", "blue"), ("绿", "green"), ("黄", "yellow"), ("黑", "black"), ("白", "white"), ("粉", "pink"), ("紫", "purple"),
        ("橙", "orange"), ("棕", "brown"), ("灰", "grey"),
    ];

    public static IReadOnlyList<string> ColorNames { get; } = Colors.Select(c => c.Name).Distinct().ToArray();

    private static readonly string[] Tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private static readonly string[] Decades = ["teens", "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"];

    private static readonly string[] Numbers =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];

    /// <summary>Gender a name's title, honorific, kinship word or common given name says.</summary>
    public static (CharacterGender Gender, bool FromTitle) GenderOfName(string name)
    {
        var tokens = Tokens(name);
        if (tokens.Any(t => FemaleTitles.Contains(t)) || FemaleHanzi.Any(h => name.Contains(h, StringComparison.Ordinal)))
        {
            return (CharacterGender.Female, true);
        }

        if (tokens.Any(t => MaleTitles.Contains(t)) || MaleHanzi.Any(h => name.Contains(h, StringComparison.Ordinal)))
        {
            return (CharacterGender.Male, true);
        }

        if (tokens.Any(t => FemaleNames.Contains(t)))
        {
            return (CharacterGender.Female, false);
        }

        if (tokens.Any(t => MaleNames.Contains(t)))
        {
            return (CharacterGender.Male, false);
        }

        var last = name.Trim().LastOrDefault();
        return FemaleNameHanzi.Contains(last) ? (CharacterGender.Female, false)
            : MaleNameHanzi.Contains(last) ? (CharacterGender.Male, false)
            : (CharacterGender.Unspecified, false);
    }

    /// <summary>Gender that describing words (woman, 男孩, a lady...) say, whole words only.</summary>
    public static CharacterGender GenderOfWords(string text)
    {
        var tokens = Tokens(text);
        var female = tokens.Count(t => FemaleTitles.Contains(t));
        var male = tokens.Count(t => MaleTitles.Contains(t));
        return female > male ? CharacterGender.Female : male > female ? CharacterGender.Male : CharacterGender.Unspecified;
    }

    /// <summary>Pronoun votes in a text: (female, male). 他们/她们 are plural and not counted.</summary>
    public static (int Female, int Male) Pronouns(string text)
    {
        var tokens = Tokens(text);
        var female = tokens.Count(t => t is "she" or "her" or "hers" or "herself") + Hanzi(text, '她');
        var male = tokens.Count(t => t is "he" or "him" or "his" or "himself") + Hanzi(text, '他');
        return (female, male);

        static int Hanzi(string text, char pronoun)
        {
            var count = 0;
            for (var i = text.IndexOf(pronoun); i >= 0; i = text.IndexOf(pronoun, i + 1))
            {
                count += i + 1 < text.Length && text[i + 1] == '们' ? 0 : 1;
            }

            return count;
        }
    }

    /// <summary>An age in years a text states: "30s", "(8)", "aged 70", "in her fifties", "a girl of eight", "七十岁".</summary>
    public static int? Years(string text)
    {
        if (Decade().Match(text) is { Success: true } decade)
        {
            return int.Parse(decade.Groups[1].ValueSpan, provider: null);
        }

        if (InDecade().Match(text) is { Success: true } words)
        {
            return (Array.IndexOf(Decades, words.Groups[1].Value.ToLowerInvariant()) + 1) * 10 + (words.Groups[1].Value.Equals("teens", StringComparison.OrdinalIgnoreCase) ? 3 : 0);
        }

        if (YearsOld().Match(text) is { Success: true } old)
        {
            return FirstNumber(old);
        }

        if (PersonOf().Match(text) is { Success: true } of)
        {
            var word = of.Groups[1].Value.ToLowerInvariant();
            return int.TryParse(word, out var n) ? n
                : Array.IndexOf(Numbers, word) is var small and >= 0 ? small
                : (Array.IndexOf(Tens, word) + 2) * 10;
        }

        if (HanziYears().Match(text) is { Success: true } sui)
        {
            return HanziNumber(sui.Groups[1].Value);
        }

        return BareNumber().Match(text) is { Success: true } bare ? FirstNumber(bare) : null;
    }

    private static int FirstNumber(Match match) =>
        int.Parse(match.Groups.Values.Skip(1).First(g => g.Success).ValueSpan, provider: null);

    public static CharacterAge AgeOfYears(int years) => years switch
    {
        < 13 => CharacterAge.Child,
        < 20 => CharacterAge.Teen,
        < 60 => CharacterAge.Adult,
        _ => CharacterAge.Senior,
    };

    /// <summary>Age that words say (grandmother, 小女孩, teenager), the most specific first.</summary>
    public static CharacterAge? AgeOfWords(string text)
    {
        if (Mentions(text, SeniorWords))
        {
            return CharacterAge.Senior;
        }

        if (Mentions(text, TeenWords))
        {
            return CharacterAge.Teen;
        }

        return Mentions(text, ChildWords) ? CharacterAge.Child : null;
    }

    /// <summary>Props a text names, each with the colour word just before it when there is one ("red notebook").</summary>
    public static IEnumerable<string> PropsIn(string text)
    {
        foreach (var (prop, words) in Props)
        {
            foreach (var word in words)
            {
                var at = Find(text, word);
                if (at < 0)
                {
                    continue;
                }

                var before = text[Math.Max(0, at - 12)..at];
                var color = Colors.Where(c => before.Contains(c.Word, StringComparison.OrdinalIgnoreCase)).Select(c => c.Name).LastOrDefault();
                yield return color is null ? prop : $"{color} {prop}";
                break;
            }
        }
    }

    /// <summary>Where a word or name occurs as a whole word (Latin) or anywhere (Hanzi); -1 when it does not.</summary>
    public static int Find(string text, string word)
    {
        if (word.Length == 0)
        {
            return -1;
        }

        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + word.Length;
            if (!char.IsAscii(word[0]) || ((at == 0 || !char.IsLetter(text[at - 1])) && (end >= text.Length || !char.IsLetter(text[end]))))
            {
                return at;
            }
        }

        return -1;
    }

    private static bool Mentions(string text, string[] words) => words.Any(w => Find(text, w) >= 0);

    private static string[] Tokens(string text) =>
        NonLetters().Split(text.ToLowerInvariant()).Where(t => t.Length > 0).ToArray();

    private static int HanziNumber(string text)
    {
        if (int.TryParse(text, out var n))
        {
            return n;
        }

        const string digits = "零一二三四五六七八九";
        var value = 0;
        var current = 0;
        foreach (var c in text)
        {
            if (c == '十')
            {
                value += (current == 0 ? 1 : current) * 10;
                current = 0;
            }
            else
            {
                current = c == '两' ? 2 : Math.Max(0, digits.IndexOf(c));
            }
        }

        return value + current;
    }

    [GeneratedRegex(@"(?<![\w.])(\d0)'?s\b", RegexOptions.CultureInvariant)]
    private static partial Regex Decade();

    [GeneratedRegex(@"\bin (?:his|her|their|the) (?:early |mid |mid-|late )?(teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InDecade();

    [GeneratedRegex(@"\b(?:aged?\s+)?(\d{1,3})(?:[- ]years?[- ]old|[- ]year[- ]old|\s*yo\b)|\baged?\s+(\d{1,3})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YearsOld();

    [GeneratedRegex(@"\b(?:girl|boy|child|kid|son|daughter|man|woman|lady|gentleman|grandmother|grandfather|grandma|grandpa)\s+of\s+(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PersonOf();

    [GeneratedRegex(@"([\d一二三四五六七八九十两]{1,4})多?岁")]
    private static partial Regex HanziYears();

    [GeneratedRegex(@"^\s*\(?(\d{1,3})\)?\s*$|\((\d{1,3})\)", RegexOptions.CultureInvariant)]
    private static partial Regex BareNumber();

    [GeneratedRegex(@"[^\p{L}]+")]
    private static partial Regex NonLetters();
}
