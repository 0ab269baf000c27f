using System.Text.Json;
using System.Text.Json.Nodes;
using OpenAI.Chat;
using Serverless.Studio.Providers.Refinement;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Providers.AzureOpenAI;

/// <summary>
/// Script analysis with an Azure OpenAI chat deployment: the planned shots go in, and a strict JSON schema brings back
/// per-shot framing and image prompt. Anything the schema does not allow is a failure, so the rules' plan stands.
/// </summary>
public sealed class AzureOpenAIStoryboardRefiner(ChatClient chat, AzureOpenAIOptions options) : IStoryboardRefiner
{
    private const string Instructions =
        "You are a storyboard artist. For each shot of the storyboard, choose the framing (closeup, medium, long or "
        + "over-shoulder) that best tells the story and write a vivid image prompt in English for an image model: "
        + "keep the given style, the characters' attributes, the setting and the time of day; describe composition, "
        + "expressions and lighting; never ask for text, lettering or speech bubbles. Answer for every shot id given.";

    private static readonly BinaryData Schema = BinaryData.FromString("""
        {
          "type": "object",
          "properties": {
            "shots": {
              "type": "array",
              "items": {
                "type": "object",
                "properties": {
                  "id": { "type": "string" },
                  "framing": { "type": "string", "enum": ["closeup", "medium", "long", "over-shoulder"] },
                  "image_prompt": { "type": "string" }
                },
                "required": ["id", "framing", "image_prompt"],
                "additionalProperties": false
              }
            }
          },
          "required": ["shots"],
          "additionalProperties": false
        }
        """);

    public async Task<StoryboardRefinement> RefineAsync(Storyboard storyboard, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storyboard);
        if (storyboard.Shots.Count == 0 || storyboard.Shots.Count > options.MaxShotsToAnalyze)
        {
            // Not a failure: too big to send whole (or empty), so the rules' plan is the answer.
            return StoryboardRefinement.None;
        }

        var completionOptions = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("storyboard_refinement", Schema, jsonSchemaIsStrict: true),
            Temperature = 0.4f,
        };
        ChatMessage[] messages = [new SystemChatMessage(Instructions), new UserChatMessage(Describe(storyboard))];
        var completion = (await chat.CompleteChatAsync(messages, completionOptions, cancellationToken).ConfigureAwait(false)).Value;
        if (completion.FinishReason != ChatFinishReason.Stop)
        {
            throw new InvalidDataException($"The analysis stopped early ({completion.FinishReason}).");
        }

        var json = string.Concat(completion.Content.Select(part => part.Text));
        return new StoryboardRefinement(
            Parse(json),
            completion.Usage?.InputTokenCount ?? 0,
            completion.Usage?.OutputTokenCount ?? 0);
    }

    /// <summary>Reads the model's answer; throws <see cref="InvalidDataException"/> on anything outside the schema.</summary>
    public static IReadOnlyList<ShotRefinement> Parse(string json)
    {
        try
        {
            var root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException("The analysis is not a JSON object.");
            var shots = root["shots"] as JsonArray ?? throw new InvalidDataException("The analysis has no shots array.");
            return shots.Select(node =>
            {
                var shot = node as JsonObject ?? throw new InvalidDataException("A shot of the analysis is not an object.");
                var id = shot["id"]?.GetValue<string>() ?? throw new InvalidDataException("A shot of the analysis has no id.");
                var framing = ParseFraming(shot["framing"]?.GetValue<string>());
                var prompt = shot["image_prompt"]?.GetValue<string>() ?? throw new InvalidDataException($"Shot {id} has no image_prompt.");
                return new ShotRefinement(id, framing, prompt);
            }).ToList();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException("The analysis is not valid JSON of the expected shape.", ex);
        }
    }

    private static ShotFraming ParseFraming(string? framing) => framing switch
    {
        "closeup" => ShotFraming.Closeup,
        "medium" => ShotFraming.Medium,
        "long" => ShotFraming.Long,
        "over-shoulder" => ShotFraming.OverShoulder,
        _ => throw new InvalidDataException($"Unknown framing \"{framing}\"."),
    };

    private static string Describe(Storyboard storyboard)
    {
        var shots = new JsonArray();
        foreach (var shot in storyboard.Shots)
        {
            shots.Add(new JsonObject
            {
                ["id"] = shot.Id,
                ["scene"] = shot.SceneId,
                ["location"] = shot.Location,
                ["time"] = shot.Time,
                ["type"] = shot.LineType.ToString().ToLowerInvariant(),
                ["speaker"] = shot.Character,
                ["text"] = shot.Text,
                ["emotion"] = shot.Emotion,
                ["characters_in_frame"] = new JsonArray(shot.CharactersInFrame.Select(c => (JsonNode?)c).ToArray()),
                ["framing"] = FramingName(shot.Framing),
                ["image_prompt"] = shot.ImagePrompt,
            });
        }

        return new JsonObject { ["style"] = storyboard.Style, ["aspect_ratio"] = storyboard.AspectRatio, ["shots"] = shots }
            .ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string FramingName(ShotFraming framing) => framing switch
    {
        ShotFraming.Closeup => "closeup",
        ShotFraming.Long => "long",
        ShotFraming.OverShoulder => "over-shoulder",
        _ => "medium",
    };
}
