using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Studio.Screenplays;

namespace Serverless.Studio.Tests.Screenplays;

public sealed class ScreenplayJsonTests
{
    [Fact]
    public void Serialises_to_the_seed_shape_in_snake_case_with_readable_chinese()
    {
        var screenplay = SampleScriptsParseTests.ParseSample("confession.zh.txt");

        var json = JsonSerializer.Serialize(screenplay, ScreenplayJson.Options);
        var root = JsonNode.Parse(json)!.AsObject();

        Assert.Equal(["title", "format", "scenes", "characters", "metadata"], root.Select(p => p.Key));
        Assert.Equal("seed", (string?)root["format"]);
        var scene = root["scenes"]![0]!.AsObject();
        Assert.Equal(["id", "location", "time", "characters", "shots"], scene.Select(p => p.Key));
        var shot = scene["shots"]![1]!.AsObject();
        Assert.Equal(["type", "character", "text", "emotion", "duration"], shot.Select(p => p.Key));
        Assert.Equal("dialogue", (string?)shot["type"]);
        Assert.Equal(["name", "attributes", "look"], root["characters"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal(["total_scenes", "total_shots", "estimated_duration"], root["metadata"]!.AsObject().Select(p => p.Key));
        Assert.Contains("\"小明\"", json);
        Assert.DoesNotContain("\\u", json);
    }

    [Fact]
    public void Extras_appear_only_when_they_say_something_and_the_json_reads_back()
    {
        var screenplay = SampleScriptsParseTests.ParseSample("fountain_short.en.fountain");

        var json = JsonSerializer.Serialize(screenplay, ScreenplayJson.Options);
        var back = JsonSerializer.Deserialize<Screenplay>(json, ScreenplayJson.Options)!;

        Assert.Equal(1, json.Split("\"off_screen\": true").Length - 1);
        Assert.DoesNotContain("\"off_screen\": false", json);
        Assert.DoesNotContain("\"tags\"", json);
        Assert.Contains("\"setting\": \"interior\"", json);
        Assert.Equal(json, JsonSerializer.Serialize(back, ScreenplayJson.Options));
        Assert.True(back.Scenes[0].Shots[3].OffScreen);
    }
}
