using System.Text.RegularExpressions;
using Serverless.Studio.Screenplays;
using Serverless.Studio.ShotImages;
using Serverless.Studio.Speech;
using SkiaSharp;

namespace Serverless.Studio.Characters;

/// <summary>
/// Resolves every character's <see cref="CharacterLook"/> from the whole script. Gender: declared attributes, then a
/// title, honorific or kinship word in the name, then describing words beside the name, then the pronouns of the
/// sentences the character is the subject of (or that follow, naming no one), then a common given name. Age: a number
/// of years, then age words (grandmother, 小女孩), else adult. Props: named beside the character or in sentences about
/// them. Palettes: stable per name, except that two characters of one scene always differ by at least
/// <see cref="MinClothingDistance"/> in clothing colour.
/// </summary>
public static partial class CharacterLooks
{
    /// <summary>The least RGB distance between the clothing colours of two characters who share a scene.</summary>
    public const double MinClothingDistance = 100;

    private const string SeniorHair = "#c9c6c2";

    private static readonly string[] HairColors = ["#241c22", "#3d2a22", "#6a4228", "#1e263e", "#8e3b2a", "#2e221e"];

    /// <summary>The screenplay with each character's look resolved.</summary>
    public static Screenplay Resolve(Screenplay screenplay)
    {
        ArgumentNullException.ThrowIfNull(screenplay);
        var evidence = screenplay.Characters.ToDictionary(c => c.Name, _ => new Evidence(), StringComparer.OrdinalIgnoreCase);
        foreach (var scene in screenplay.Scenes)
        {
            Read(scene, evidence);
        }

        var looks = screenplay.Characters.Select(c => Of(c, evidence[c.Name])).ToList();
        var dressed = Dress(screenplay, looks);
        return screenplay with { Characters = screenplay.Characters.Select((c, i) => c with { Look = dressed[i] }).ToList() };
    }

    /// <summary>A look from what one character's own attributes say, for a character no script describes.</summary>
    public static CharacterLook Of(Character character)
    {
        ArgumentNullException.ThrowIfNull(character);
        return Of(character, new Evidence());
    }

    /// <summary>The look with what the bible states explicitly laid over it: declared gender and age words, and the signature colour.</summary>
    public static CharacterLook Refine(CharacterLook look, Character character)
    {
        var attributes = Attributes(character);
        var gender = CharacterGenderAttributes.Read(attributes);
        var age = Age(string.Join(", ", attributes));
        var palette = CharacterColor.TryNormalize(character.Color, out var color) ? look.Palette with { Clothing = color } : look.Palette;
        return look with
        {
            Gender = gender == CharacterGender.Unspecified ? look.Gender : gender,
            Age = age ?? look.Age,
            Palette = palette,
            Props = look.Props.Concat(attributes.SelectMany(LookWords.PropsIn)).DistinctBy(Prop).ToList(),
        };
    }

    /// <summary>Distance between two <c>#rrggbb</c> colours in RGB (0 to about 441).</summary>
    public static double Distance(string a, string b)
    {
        var (x, y) = (SKColor.Parse(a), SKColor.Parse(b));
        return Math.Sqrt(Math.Pow(x.Red - y.Red, 2) + Math.Pow(x.Green - y.Green, 2) + Math.Pow(x.Blue - y.Blue, 2));
    }

    /// <summary>The drawable prop of a prop phrase: "red notebook" gives "notebook".</summary>
    public static string Prop(string phrase) => phrase[(phrase.LastIndexOf(' ') + 1)..];

    private static void Read(Scene scene, Dictionary<string, Evidence> evidence)
    {
        // Longer names first, so "Anna Lee" is found before "Anna".
        var names = evidence.Keys.OrderByDescending(n => n.Length).ToList();
        string? referent = null;
        foreach (var line in scene.Shots)
        {
            if (line.Type == ScriptLineType.Dialogue)
            {
                // What people say is about others as often as about themselves; only who spoke last is kept.
                referent = line.Character is { } speaker && evidence.ContainsKey(speaker) ? speaker : referent;
                continue;
            }

            foreach (var sentence in Sentences().Split(line.Text).Where(s => s.Length > 0))
            {
                var mentions = Mentions(sentence, names);
                if (mentions.Count == 0)
                {
                    if (referent is not null)
                    {
                        evidence[referent].Add(LookWords.Pronouns(sentence));
                        evidence[referent].Props.AddRange(LookWords.PropsIn(sentence));
                    }

                    continue;
                }

                referent = mentions[0].Name;
                evidence[referent].Add(LookWords.Pronouns(sentence));
                for (var i = 0; i < mentions.Count; i++)
                {
                    var (name, at) = mentions[i];
                    var start = i == 0 ? 0 : mentions[i - 1].At + mentions[i - 1].Name.Length;
                    var end = i + 1 < mentions.Count ? mentions[i + 1].At : sentence.Length;
                    var segment = sentence[start..end];
                    evidence[name].Props.AddRange(LookWords.PropsIn(segment));
                    evidence[name].Descriptors.Add(Descriptor(sentence, at, name.Length, start, end));
                }
            }
        }
    }

    /// <summary>
    /// The words that describe a name where it stands: the parenthesis after it ("ANNA (30s, raincoat)"), an apposition
    /// (", a nurse in her fifties,") and, in Chinese, the words before it in its clause ("七十岁的奶奶王阿婆").
    /// </summary>
    private static string Descriptor(string sentence, int at, int length, int start, int end)
    {
        var after = sentence[(at + length)..end].TrimStart();
        var parts = new List<string>();
        if (after.StartsWith('(') || after.StartsWith('（'))
        {
            var close = after.IndexOfAny([')', '）']);
            parts.Add(close > 0 ? after[1..close] : after[1..]);
        }
        else if (after.StartsWith(',') || after.StartsWith('，'))
        {
            var next = after.IndexOfAny([',', '，', ';'], 1);
            parts.Add(next > 0 ? after[1..next] : after[1..]);
        }

        var before = sentence[start..at];
        var clause = before.LastIndexOfAny([',', '，', '、', ';', '；']);
        before = clause >= 0 ? before[(clause + 1)..] : before;
        if (before.Any(c => c > 0x2E80))
        {
            parts.Add(before);
        }
        else if (Apposition().Match(before) is { Success: true } lead)
        {
            // "A girl of eight, LILY, ..." and "An old man, HAROLD": the noun phrase right before the name.
            parts.Add(lead.Value);
        }

        return string.Join(", ", parts);
    }

    private static List<(string Name, int At)> Mentions(string sentence, IReadOnlyList<string> names)
    {
        var found = new List<(string Name, int At)>();
        foreach (var name in names)
        {
            var at = LookWords.Find(sentence, name);
            if (at >= 0 && !found.Any(f => at < f.At + f.Name.Length && f.At < at + name.Length))
            {
                found.Add((name, at));
            }
        }

        return found.OrderBy(f => f.At).ToList();
    }

    private static CharacterLook Of(Character character, Evidence evidence)
    {
        var attributes = Attributes(character);
        var declared = string.Join(", ", attributes);
        var described = string.Join(", ", evidence.Descriptors);

        var gender = CharacterGenderAttributes.Read(attributes);
        var (byName, fromTitle) = LookWords.GenderOfName(character.Name);
        if (gender == CharacterGender.Unspecified)
        {
            gender = LookWords.GenderOfWords(declared);
        }

        if (gender == CharacterGender.Unspecified && fromTitle)
        {
            gender = byName;
        }

        if (gender == CharacterGender.Unspecified)
        {
            gender = LookWords.GenderOfWords(described);
        }

        if (gender == CharacterGender.Unspecified && evidence.Female != evidence.Male)
        {
            gender = evidence.Female > evidence.Male ? CharacterGender.Female : CharacterGender.Male;
        }

        if (gender == CharacterGender.Unspecified)
        {
            gender = byName;
        }

        var age = Age(declared) ?? Age(described) ?? LookWords.AgeOfWords(character.Name) ?? CharacterAge.Adult;
        var props = attributes.SelectMany(LookWords.PropsIn).Concat(evidence.Props).DistinctBy(Prop).ToList();
        var hash = StableHash.Of(character.Name.Trim());
        var hair = age == CharacterAge.Senior ? SeniorHair
            : Mentions(declared, "金发", "blond", "blonde") ? "#e2be6a"
            : Mentions(declared, "红发", "redhead", "red hair") ? "#b53a22"
            : Mentions(declared, "白发", "grey hair", "gray hair", "white hair") ? SeniorHair
            : HairColors[(hash >> 4) % (uint)HairColors.Length];
        return new CharacterLook(gender, age, new CharacterPalette(Clothing(hash, 0), hair)) { Props = props };
    }

    /// <summary>Age from years stated, else from age words; null when the text says neither.</summary>
    private static CharacterAge? Age(string text) =>
        LookWords.Years(text) is { } years and > 0 and < 130 ? LookWords.AgeOfYears(years) : LookWords.AgeOfWords(text);

    /// <summary>Clothing in declaration order; each takes the first of its candidate colours far enough from everyone it shares a scene with.</summary>
    private static IReadOnlyList<CharacterLook> Dress(Screenplay screenplay, IReadOnlyList<CharacterLook> looks)
    {
        var names = screenplay.Characters.Select(c => c.Name).ToList();
        var dressed = looks.ToArray();
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            var companions = Enumerable.Range(0, i)
                .Where(j => screenplay.Scenes.Any(s => Has(s, name) && Has(s, names[j])))
                .Select(j => dressed[j].Palette.Clothing)
                .ToList();
            if (companions.Count == 0)
            {
                continue;
            }

            var hash = StableHash.Of(name.Trim());
            var best = Enumerable.Range(0, 16)
                .Select(k => Clothing(hash, k))
                .Select(c => (Color: c, Nearest: companions.Min(o => Distance(c, o))))
                .ToList();
            var chosen = best.FirstOrDefault(b => b.Nearest >= MinClothingDistance);
            dressed[i] = dressed[i] with { Palette = dressed[i].Palette with { Clothing = chosen.Color ?? best.MaxBy(b => b.Nearest).Color } };
        }

        return dressed;

        static bool Has(Scene scene, string name) =>
            scene.Characters.Contains(name, StringComparer.OrdinalIgnoreCase)
            || scene.Shots.Any(l => string.Equals(l.Character, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The k-th candidate clothing colour of a name: its hashed hue, then hues around the wheel, then darker tones.</summary>
    private static string Clothing(uint hash, int k)
    {
        var hue = ((hash >> 8) + (uint)(k * 67)) % 360;
        var color = k < 8 ? SKColor.FromHsv(hue, 58, 82) : SKColor.FromHsv(hue, 70, 50);
        return $"#{color.Red:x2}{color.Green:x2}{color.Blue:x2}";
    }

    private static List<string> Attributes(Character character)
    {
        var appearance = (character.Appearance ?? "").Split([',', '，', '、', ';', '；'], StringSplitOptions.TrimEntries);
        return (character.Attributes ?? []).Concat(appearance).Where(a => !string.IsNullOrWhiteSpace(a)).ToList();
    }

    private static bool Mentions(string text, params string[] words) => words.Any(w => LookWords.Find(text, w) >= 0);

    // A sentence ends at . ! ? ; (and their full-width forms), but not at the dot of Mr. Mrs. Ms. Dr. St.
    [GeneratedRegex(@"(?<=[.!?。！？；;])(?<!\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof)\.)\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Sentences();

    [GeneratedRegex(@"\b(?:an?|the)\s+[\w\s-]{1,40}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Apposition();

    private sealed class Evidence
    {
        public int Female { get; private set; }

        public int Male { get; private set; }

        public List<string> Props { get; } = [];

        public List<string> Descriptors { get; } = [];

        public void Add((int Female, int Male) pronouns)
        {
            Female += pronouns.Female;
            Male += pronouns.Male;
        }
    }
}
