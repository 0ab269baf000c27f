namespace Serverless.Studio.Footage;

/// <summary>
/// The words the offline scoring listens for. A seller's clip sells when it names the product and its price, or answers
/// a question a viewer would ask; these are small on purpose and in English and Chinese.
/// </summary>
internal static class HighlightWords
{
    public static readonly IReadOnlySet<string> Product = new HashSet<string>(StringComparer.Ordinal)
    {
        "new", "feature", "features", "quality", "design", "battery", "camera", "screen", "warranty", "shipping", "free",
        "deal", "deals", "discount", "offer", "sale", "buy", "order", "product", "model", "upgrade", "best", "limited",
        "guarantee", "durable", "waterproof", "wireless", "charge", "charging", "storage", "bundle", "save", "gift",
        "stock", "launch", "brand", "premium", "lightweight", "fast", "faster", "power", "performance",
        "价格", "优惠", "包邮", "下单", "新品", "质量", "限时", "赠品", "库存", "品牌", "功能", "续航", "链接",
    };

    public static readonly IReadOnlySet<string> Price = new HashSet<string>(StringComparer.Ordinal)
    {
        "dollar", "dollars", "cent", "cents", "bucks", "price", "priced", "prices", "cost", "costs", "yuan", "euro", "euros",
        "pounds", "percent", "$", "¥", "元", "块", "折", "价",
    };

    public static readonly IReadOnlySet<string> Numbers = new HashSet<string>(StringComparer.Ordinal)
    {
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "half",
    };

    public static readonly IReadOnlySet<string> QuestionOpeners = new HashSet<string>(StringComparer.Ordinal)
    {
        "what", "why", "how", "who", "when", "where", "which", "whose", "is", "are", "do", "does", "did", "can", "could",
        "would", "should", "will", "have", "has", "什么", "为什么", "怎么", "哪", "吗", "呢",
    };

    /// <summary>Words that ask wherever they stand near the start ("so how ...", "and what ..."), unlike "is" or "can".</summary>
    public static readonly IReadOnlySet<string> QuestionWords = new HashSet<string>(StringComparer.Ordinal)
    {
        "what", "why", "how", "who", "when", "where", "which", "whose", "什么", "为什么", "怎么",
    };

    /// <summary>The word as the lists hold it: lower case, no surrounding punctuation.</summary>
    public static string Plain(string text) =>
        text.Trim().Trim('.', ',', '!', '?', ';', ':', '"', '\'', '(', ')', '。', '，', '！', '？', '；', '：', '“', '”').ToLowerInvariant();

    public static bool EndsSentence(string text) => LastMark(text) is '.' or '!' or '?' or '。' or '！' or '？';

    public static bool EndsQuestion(string text) => LastMark(text) is '?' or '？';

    public static bool IsNumber(string plain) => Numbers.Contains(plain) || (plain.Length > 0 && plain.Any(char.IsAsciiDigit));

    private static char LastMark(string text)
    {
        var trimmed = text.TrimEnd('"', '\'', '”', ')');
        return trimmed.Length == 0 ? ' ' : trimmed[^1];
    }

    /// <summary>Whether <paramref name="plain"/> is one of <paramref name="words"/>, or (Chinese runs have no spaces) holds one.</summary>
    public static bool Holds(IReadOnlySet<string> words, string plain) =>
        words.Contains(plain) || (plain.Any(c => c >= 0x2E80) && words.Any(w => w[0] >= 0x2E80 && plain.Contains(w, StringComparison.Ordinal)));
}
