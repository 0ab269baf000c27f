using Serverless.Durable;
using Serverless.Studio.Speech;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Pipeline;

/// <summary>Speaks one line in its character's voice and stores the clip with the project's assets.</summary>
public sealed class RecordVoiceActivity(ISpeechSynthesizer speech, AssetStore assets) : TaskActivity<RecordVoiceInput, VoiceClip>
{
    public override async Task<VoiceClip> RunAsync(TaskActivityContext context, RecordVoiceInput input)
    {
        var (request, shot) = (input.Request, input.Shot);
        var speaker = input.Characters.FirstOrDefault(c => c.Name == shot.Character);
        var clip = await speech.SynthesizeAsync(new SpeechRequest
        {
            Text = shot.Text,
            Character = shot.Character,
            CharacterAttributes = speaker?.Attributes ?? [],
            Emotion = shot.Emotion,
        });

        var blob = AssetStore.Asset(request.UserId, request.ProjectId, $"{request.TaskId}/voices/{shot.Id}.wav");
        await assets.UploadAsync(blob, BinaryData.FromBytes(clip.Wav), "audio/wav");
        return new VoiceClip(shot.Id, blob, clip.DurationSeconds, clip.Voice);
    }
}
