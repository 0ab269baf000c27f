using Microsoft.Extensions.Options;
using Serverless.Studio.Providers.AzureOpenAI;
using Serverless.Studio.Speech;

namespace Serverless.Studio.Characters;

/// <summary>The voice ids a character may be given: those of the offline engine and those of the configured Azure voices.</summary>
public sealed class VoiceChoices(IOptions<AzureOpenAIOptions> azure)
{
    public IReadOnlyList<string> All => [.. CharacterVoice.VoiceIds, .. AzureOpenAIVoiceCasting.KnownVoices(azure.Value).Distinct(StringComparer.Ordinal)];

    public bool Contains(string voiceId) => All.Contains(voiceId, StringComparer.Ordinal);
}
