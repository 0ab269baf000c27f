using OpenAI.Images;
using Serverless.Studio.ShotImages;

namespace Serverless.Studio.Providers.AzureOpenAI;

/// <summary>Shot images from an Azure OpenAI image deployment (DALL-E 3), fitted to the requested frame size.</summary>
public sealed class AzureOpenAIShotImageGenerator(ImageClient images) : IShotImageGenerator
{
    public async Task<byte[]> GenerateAsync(ShotImageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Width <= 0 || request.Height <= 0)
        {
            throw new ArgumentException("Width and height must be positive.", nameof(request));
        }

        var options = new ImageGenerationOptions
        {
            // Bytes, not a URL: a URL would need a second download that the storage account may not be allowed to make.
            ResponseFormat = GeneratedImageFormat.Bytes,
            Size = SizeFor(request.Width, request.Height),
        };
        var result = await images.GenerateImageAsync(ShotImagePrompt.Compose(request), options, cancellationToken).ConfigureAwait(false);
        var bytes = result.Value.ImageBytes ?? throw new InvalidDataException("The image response carried no b64_json image.");
        return PictureFit.Cover(bytes.ToMemory().Span, request.Width, request.Height);
    }

    /// <summary>The DALL-E 3 size closest to the frame's orientation.</summary>
    public static GeneratedImageSize SizeFor(int width, int height) =>
        width < height ? GeneratedImageSize.W1024xH1792 : width > height ? GeneratedImageSize.W1792xH1024 : GeneratedImageSize.W1024xH1024;
}
