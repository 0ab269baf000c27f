using System.Globalization;
using System.Text;
using Serverless.Studio.Screenplays;
using Serverless.Studio.ShotImages;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Providers.AzureOpenAI;

/// <summary>
/// The image-model prompt for a shot request: style, framing, place and time with the resolved setting, the characters
/// in frame with their attributes and resolved looks, and what happens. Dialogue words stay out (models letter them as gibberish; subtitles carry them),
/// but who speaks, and to whom, goes in.
/// </summary>
public static class ShotImagePrompt
{
    private const int MaxActionTextElements = 300;

    public static string Compose(ShotImageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prompt = new StringBuilder();
        prompt.Append(ImagePromptComposer.StyleDescription(request.Style)).Append(", ").Append(Framing(request.Framing));
        prompt.Append(", ").Append(request.Width < request.Height ? "vertical" : request.Width > request.Height ? "horizontal" : "square").Append(" composition");

        ImagePromptComposer.AppendSetting(prompt, request.Location, request.Time, request.Setting);

        if (request.Characters.Count > 0)
        {
            prompt.Append(". Characters: ").Append(string.Join("; ", request.Characters.Select(ImagePromptComposer.Describe)));
        }

        if (!string.IsNullOrWhiteSpace(request.PromptOverride))
        {
            // The user's words replace what the planner would say happens; style, framing and the cast stay.
            prompt.Append(". ").Append(request.PromptOverride.Trim()).Append(". No text, no lettering, no speech bubbles.");
            return prompt.ToString();
        }

        var text = request.Text?.Trim();
        switch (request.LineType)
        {
            case ScriptLineType.Action when !string.IsNullOrEmpty(text):
                prompt.Append(". Action: ").Append(Shorten(text));
                break;
            case ScriptLineType.Narration when !string.IsNullOrEmpty(text):
                prompt.Append(". Mood of the narration: ").Append(Shorten(text));
                break;
            case ScriptLineType.Dialogue when !string.IsNullOrWhiteSpace(request.Speaker):
                prompt.Append(". ").Append(request.Speaker).Append(" speaking");
                var listener = request.Characters.FirstOrDefault(c => c.Name != request.Speaker);
                if (listener is not null)
                {
                    prompt.Append(" to ").Append(listener.Name);
                }

                break;
        }

        prompt.Append(". No text, no lettering, no speech bubbles.");
        return prompt.ToString();
    }

    private static string Framing(ShotFraming framing) => framing switch
    {
        ShotFraming.Closeup => "close-up shot",
        ShotFraming.OverShoulder => "over-the-shoulder shot",
        ShotFraming.Long => "wide establishing shot",
        _ => "medium shot",
    };

    private static string Shorten(string text)
    {
        var info = new StringInfo(text);
        return info.LengthInTextElements <= MaxActionTextElements ? text : info.SubstringByTextElements(0, MaxActionTextElements) + "…";
    }
}
