using System.Security.Cryptography;
using System.Text;
using Serverless.Studio.Speech;

namespace Serverless.Studio.Providers.AzureOpenAI;

/// <summary>Picks an Azure OpenAI TTS voice per character: by declared gender, then a stable hash of the name.</summary>
public static class AzureOpenAIVoiceCasting
{
    public static string Cast(SpeechRequest request, AzureOpenAIOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        if (request.VoiceId is { } chosen && KnownVoices(options).Contains(chosen))
        {
            return chosen;
        }

        if (string.IsNullOrWhiteSpace(request.Character))
        {
            return options.NarratorVoice;
        }

        var voices = CharacterGenderAttributes.Read(request.CharacterAttributes) switch
        {
            CharacterGender.Female => options.FemaleVoices,
            CharacterGender.Male => options.MaleVoices,
            _ => [.. options.FemaleVoices, .. options.MaleVoices],
        };

        // A stable hash, not string.GetHashCode: the same character must keep its voice across processes.
        var hash = BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(request.Character.Trim())), 0);
        return voices[(int)(hash % (uint)voices.Length)];
    }

    /// <summary>The voices this deployment is configured with; a character bible may pick any of them.</summary>
    public static IReadOnlyList<string> KnownVoices(AzureOpenAIOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return [options.NarratorVoice, .. options.FemaleVoices, .. options.MaleVoices];
    }

    /// <summary>Acting directions for gpt-4o-mini-tts: who speaks and how they feel.</summary>
    public static string? Instructions(SpeechRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(request.Character))
        {
            var attributes = request.CharacterAttributes.Where(a => !string.IsNullOrWhiteSpace(a)).ToList();
            parts.Add(attributes.Count == 0 ? $"You are {request.Character}." : $"You are {request.Character} ({string.Join(", ", attributes)}).");
        }
        else
        {
            parts.Add("You are the narrator of a short film.");
        }

        if (!string.IsNullOrWhiteSpace(request.Emotion))
        {
            parts.Add($"Speak with this emotion: {request.Emotion.Trim()}.");
        }

        return string.Join(" ", parts);
    }
}
