using Serverless.Media.Rendering;

namespace Serverless.Worker.Jobs;

/// <summary>Logs ffmpeg's progress every tenth of the render, not on every progress line.</summary>
internal sealed class RenderProgressLog(ILogger logger) : IProgress<RenderProgress>
{
    private int _lastDecile = -1;

    public void Report(RenderProgress value)
    {
        var decile = (int)(value.Percent / 10);
        if (Interlocked.Exchange(ref _lastDecile, decile) == decile)
        {
            return;
        }

        logger.LogInformation("Render at {Percent:F0}% ({Position}), about {Remaining} left",
            value.Percent, value.Position, value.Remaining?.ToString(@"hh\:mm\:ss") ?? "unknown");
    }
}
