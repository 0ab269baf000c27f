using Serverless.Contracts.Rendering;
using Serverless.Durable;
using Serverless.Studio.ShotImages;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Pipeline;

/// <summary>Draws one storyboard shot and stores the picture with the project's assets.</summary>
public sealed class DrawShotActivity(IShotImageGenerator images, AssetStore assets) : TaskActivity<DrawShotInput, BlobRef>
{
    public override async Task<BlobRef> RunAsync(TaskActivityContext context, DrawShotInput input)
    {
        var (request, shot) = (input.Request, input.Shot);
        var (width, height) = VideoFormat.SizeOf(request.AspectRatio);
        var png = await images.GenerateAsync(new ShotImageRequest
        {
            ShotId = shot.Id,
            Framing = shot.Framing,
            Location = shot.Location,
            Time = shot.Time,
            Characters = input.Characters.Where(c => shot.CharactersInFrame.Contains(c.Name)).ToList(),
            Speaker = shot.Character,
            Text = shot.Text,
            LineType = shot.LineType,
            Style = request.Style,
            Width = width,
            Height = height,
        });

        var blob = AssetStore.Asset(request.UserId, request.ProjectId, $"{request.TaskId}/shots/{shot.Id}.png");
        await assets.UploadAsync(blob, BinaryData.FromBytes(png), "image/png");
        return blob;
    }
}
