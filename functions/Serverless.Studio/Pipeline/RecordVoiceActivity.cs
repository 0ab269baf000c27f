using Microsoft.DurableTask;
using Serverless.Studio.Providers.Fallback;
using Serverless.Studio.Providers.Usage;
using Serverless.Studio.Speech;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Pipeline;

/// <summary>Speaks one line in its character's voice, narration in the narrator's (billed to the video's owner), and stores the clip with the project's assets.</summary>
public sealed class RecordVoiceActivity(SpeechFallback speech, AssetStore assets) : TaskActivity<RecordVoiceInput, VoiceClip>
{
    public override async Task<VoiceClip> RunAsync(TaskActivityContext context, RecordVoiceInput input)
    {
        var (request, shot) = (input.Request, input.Shot);
        // Narration names no character: the bible's narrator entry (a template's or a user's voice for it) speaks it.
        var speaker = shot.Character is null
            ? input.Characters.FirstOrDefault(c => Screenplays.ScriptKeys.IsNarrator(c.Name))
            : input.Characters.FirstOrDefault(c => c.Name == shot.Character);
        using var billed = UsageAttribution.Begin(new BilledCall(request.UserId, request.ProjectId, request.TaskId, $"speech:{shot.Id}", request.Budget));
        var provided = await speech.SynthesizeProvidedAsync(new SpeechRequest
        {
            Text = shot.Text,
            Character = shot.Character,
            CharacterAttributes = speaker?.VoiceAttributes() ?? [],
            Emotion = shot.Emotion,
            VoiceId = speaker?.VoiceId,
        });

        var clip = provided.Value;
        var blob = AssetStore.Asset(request.UserId, request.ProjectId, $"{request.TaskId}/voices/{shot.Id}.wav");
        await assets.UploadAsync(blob, BinaryData.FromBytes(clip.Wav), "audio/wav");
        return new VoiceClip(shot.Id, blob, clip.DurationSeconds, clip.Voice, provided.Provider, clip.Words, provided.PassedOver);
    }
}
