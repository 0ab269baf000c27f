using System.Text.RegularExpressions;

namespace Serverless.Studio.Screenplays;

/// <summary>
/// The keywords that turn a <c>Key: value</c> line into structure rather than speech, in Chinese and
/// English, and the names that mean the narrator.
/// </summary>
internal static partial class ScriptKeys
{
    private static readonly HashSet<string> CharacterKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "角色", "人物", "出场人物", "登场人物", "主要角色", "角色表", "人物表", "Characters", "Character", "Cast",
    };

    private static readonly HashSet<string> TitleKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "标题", "剧名", "片名", "题目", "Title",
    };

    /// <summary>Front matter that says nothing the video needs.</summary>
    private static readonly HashSet<string> IgnoredKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "作者", "编剧", "风格", "Author", "Authors", "Writer", "Credit", "Source", "Draft date", "Contact", "Copyright", "Style",
    };

    private static readonly HashSet<string> NarratorNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "旁白", "画外音", "解说", "Narrator", "Narration", "VO", "V.O.", "V.O", "Voiceover", "Voice-over", "Voice over",
    };

    private static readonly HashSet<string> EnglishKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "Characters", "Character", "Cast", "Title",
    };

    public static bool IsScene(string name) => SceneKey().IsMatch(name);

    public static bool IsCharacters(string name) => CharacterKeys.Contains(name);

    public static bool IsTitle(string name) => TitleKeys.Contains(name);

    public static bool IsIgnored(string name) => IgnoredKeys.Contains(name);

    public static bool IsNarrator(string name) => NarratorNames.Contains(name);

    public static bool IsKey(string name) => IsScene(name) || IsCharacters(name) || IsTitle(name) || IsIgnored(name);

    /// <summary>Whether a key is written in English (decides between the seed and English formats).</summary>
    public static bool IsEnglishKey(string name) => EnglishKeys.Contains(name) || EnglishSceneKey().IsMatch(name);

    // 场景, 场景1, 场景 一, 第一场, 第3场, Scene, Scene 2, SCENE 12.
    [GeneratedRegex(@"^(?:场景|场次|scene|第[0-9０-９一二三四五六七八九十百零〇两]{1,4}场)\s*[0-9０-９一二三四五六七八九十百零〇两]{0,4}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SceneKey();

    [GeneratedRegex(@"^scene\s*[0-9]{0,4}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EnglishSceneKey();
}
