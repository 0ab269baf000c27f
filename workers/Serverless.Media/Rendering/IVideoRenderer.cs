namespace Serverless.Media.Rendering;

public interface IVideoRenderer
{
    /// <exception cref="InvalidRenderJobException">The job cannot be rendered as given.</exception>
    /// <exception cref="RenderFailedException">ffmpeg failed on inputs that looked valid.</exception>
    Task<RenderResult> RenderAsync(RenderRequest request, IProgress<RenderProgress>? progress, CancellationToken cancellationToken);
}
