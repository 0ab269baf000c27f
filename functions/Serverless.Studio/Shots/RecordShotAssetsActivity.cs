using Microsoft.DurableTask;

namespace Serverless.Studio.Shots;

/// <summary>Writes recorded clips (and pictures drawn elsewhere) onto the project's saved storyboard.</summary>
public sealed class RecordShotAssetsActivity(ShotAssetRecorder recorder) : TaskActivity<RecordShotAssetsInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RecordShotAssetsInput input)
    {
        await recorder.RecordAsync(input.Request, input.Images, input.Voices);
        return true;
    }
}
