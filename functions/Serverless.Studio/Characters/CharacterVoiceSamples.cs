using System.Security.Cryptography;
using System.Text;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Accounts;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Speech;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Characters;

/// <summary>
/// A short line spoken in a character's voice, so a writer hears the voice before a render records every line. Kept per
/// character, voice and attributes: asking again costs a blob lookup, and a new voice or new attributes record it again,
/// metered like any recorded line (one billed unit, taken before the provider is asked).
/// </summary>
public sealed class CharacterVoiceSamples(CharacterService characters, ISpeechSynthesizer speech, AssetStore blobs, VideoQuota quota)
{
    /// <summary>The recorded sample; null when the project or the character is not the user's.</summary>
    public async Task<BlobRef?> SampleAsync(string userId, string projectId, string characterId, CancellationToken cancellationToken = default)
    {
        if (await characters.FindAsync(userId, projectId, cancellationToken) is not { } bible || bible.Find(characterId) is not { } profile)
        {
            return null;
        }

        var request = new SpeechRequest
        {
            Text = Line(profile.Name),
            Character = profile.Name,
            CharacterAttributes = profile.Attributes,
            VoiceId = profile.VoiceId,
        };
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\n', [request.Text, request.VoiceId ?? string.Empty, .. request.CharacterAttributes]))))[..16];
        var blob = AssetStore.Asset(userId, projectId, $"voice-samples/{characterId}-{key}.wav");
        if (await blobs.GetPropertiesAsync(blob, cancellationToken) is null)
        {
            await quota.ConsumeUnitsAsync(userId, 1, cancellationToken);
            var clip = await speech.SynthesizeAsync(request, cancellationToken);
            await blobs.UploadAsync(blob, BinaryData.FromBytes(clip.Wav), "audio/wav", cancellationToken);
        }

        return blob;
    }

    /// <summary>The character introducing itself, in Chinese for a Chinese name (the voice engine follows the text's language).</summary>
    private static string Line(string name) =>
        name.EnumerateRunes().Any(TextUnits.IsCjk) ? $"你好，我是{name}。很高兴认识你。" : $"Hello, I am {name}. Nice to meet you.";
}
