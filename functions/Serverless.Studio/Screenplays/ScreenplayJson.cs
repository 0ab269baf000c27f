using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Serverless.Studio.Screenplays;

/// <summary>
/// The JSON form of screenplays (and storyboards): the seed's shape, snake_case, enums as
/// snake_case strings, CJK unescaped so scripts stay readable. Optional extras (<c>tags</c>,
/// <c>off_screen</c>, <c>setting</c>, a character's resolved <c>look</c>) appear only when they say something.
/// </summary>
public static class ScreenplayJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = true,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmptyExtras } },
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly();
        return options;
    }

    private static void OmitEmptyExtras(JsonTypeInfo info)
    {
        foreach (var property in info.Properties)
        {
            if (info.Type == typeof(ScriptLine) && property.Name == "tags")
            {
                property.ShouldSerialize = (_, value) => value is IReadOnlyList<string> { Count: > 0 };
            }
            else if (info.Type == typeof(ScriptLine) && property.Name == "off_screen")
            {
                property.ShouldSerialize = (_, value) => value is true;
            }
            else if (info.Type == typeof(Scene) && property.Name == "setting")
            {
                property.ShouldSerialize = (_, value) => value is not null;
            }
        }
    }
}
