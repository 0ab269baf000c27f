using Serverless.Contracts.Rendering;
using Microsoft.DurableTask;
using Serverless.Studio.Providers.Fallback;
using Serverless.Studio.Providers.Usage;
using Serverless.Studio.ShotImages;
using Serverless.Studio.Shots;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Pipeline;

/// <summary>
/// Draws one storyboard shot (billed to the video's owner) and stores the picture with the project's assets, and when
/// asked writes it onto the saved storyboard too.
/// </summary>
public sealed class DrawShotActivity(ShotImageFallback images, AssetStore assets, ShotAssetRecorder recorder) : TaskActivity<DrawShotInput, DrawnShot>
{
    public override async Task<DrawnShot> RunAsync(TaskActivityContext context, DrawShotInput input)
    {
        var (request, shot) = (input.Request, input.Shot);
        var (width, height) = VideoFormat.SizeOf(request.AspectRatio);
        using var billed = UsageAttribution.Begin(new BilledCall(request.UserId, request.ProjectId, request.TaskId, $"image:{shot.Id}", request.Budget));
        var png = await images.GenerateProvidedAsync(new ShotImageRequest
        {
            ShotId = shot.Id,
            Framing = shot.Framing,
            Location = shot.Location,
            Time = shot.Time,
            Setting = shot.Setting,
            Characters = input.Characters.Where(c => shot.CharactersInFrame.Contains(c.Name)).ToList(),
            Speaker = shot.Character,
            OffScreen = shot.OffScreen,
            Text = shot.Text,
            LineType = shot.LineType,
            Style = request.Style,
            PromptOverride = shot.PromptOverride,
            Width = width,
            Height = height,
            Motion = shot.Motion,
            SafeArea = request.Output?.SafeArea,
        });

        var blob = AssetStore.Asset(request.UserId, request.ProjectId, $"{request.TaskId}/shots/{shot.Id}.png");
        await assets.UploadAsync(blob, BinaryData.FromBytes(png.Value), "image/png");
        var drawn = new DrawnShot(shot.Id, blob, png.Provider, png.PassedOver);
        if (input.OntoStoryboard)
        {
            await recorder.RecordAsync(request, [drawn], []);
        }

        return drawn;
    }
}
