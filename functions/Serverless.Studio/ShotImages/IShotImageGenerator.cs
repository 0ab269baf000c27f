namespace Serverless.Studio.ShotImages;

/// <summary>Draws the picture for one storyboard shot.</summary>
public interface IShotImageGenerator
{
    /// <summary>Returns the shot's image as PNG bytes of exactly the requested size.</summary>
    Task<byte[]> GenerateAsync(ShotImageRequest request, CancellationToken cancellationToken = default);
}
