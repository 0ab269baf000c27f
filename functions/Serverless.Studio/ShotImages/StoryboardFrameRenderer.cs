using Serverless.Contracts.Rendering;
using Serverless.Studio.Storyboards;
using SkiaSharp;

namespace Serverless.Studio.ShotImages;

/// <summary>
/// The offline shot-image provider: draws a storyboard frame as a comic panel with SkiaSharp, no network and no
/// model. Time of day sets the palette, the location picks the scenery, characters are placed by framing with
/// colors stable per name, and the line is lettered in a balloon or caption with HarfBuzz-shaped CJK text. The same
/// request always renders the same bytes; renders are independent and may run in parallel.
/// </summary>
public sealed class StoryboardFrameRenderer : IShotImageGenerator
{
    private const int MaxSide = 8192;
    private readonly FrameTypefaces? _typefaces;

    /// <summary>Letters with the installed Noto Sans CJK SC; fails on first use with a clear error if it is missing.</summary>
    public StoryboardFrameRenderer()
    {
    }

    /// <summary>Letters with the given typefaces.</summary>
    public StoryboardFrameRenderer(FrameTypefaces typefaces)
    {
        _typefaces = typefaces ?? throw new ArgumentNullException(nameof(typefaces));
    }

    public Task<byte[]> GenerateAsync(ShotImageRequest request, CancellationToken cancellationToken = default)
    {
        Validate(request);
        cancellationToken.ThrowIfCancellationRequested();

        // CPU-bound: run on the pool so a fan-out of shots renders in parallel.
        return Task.Run(() => Render(request), cancellationToken);
    }

    /// <summary>Renders the frame synchronously and returns PNG bytes.</summary>
    public byte[] Render(ShotImageRequest request)
    {
        Validate(request);
        var typefaces = _typefaces ?? FrameTypefaces.Default;
        var style = FrameStyle.Parse(request.Style);
        // A user's override steers the offline frame the only ways it can: the place and the light it names.
        var setting = request.Setting ?? SceneSettings.Of(request.Location, request.Time);
        var palette = FramePalette.For(TimeOfDayWords.TryRead(request.PromptOverride, out var light) ? light : setting.TimeOfDay);
        var (scenery, interior) = SceneryKeywords.TryRead(request.PromptOverride, out var place) ? (place, place.IsInterior()) : (setting.Kind, setting.Interior);
        var panel = PanelFinish.Panel(request.Width, request.Height);
        var layout = ShotLayout.Plan(request, panel, style);

        using var surface = SKSurface.Create(new SKImageInfo(request.Width, request.Height, SKColorType.Rgba8888, SKAlphaType.Opaque))
            ?? throw new InvalidOperationException($"Could not allocate a {request.Width}x{request.Height} drawing surface.");
        using var lettering = new Lettering(typefaces);
        var finish = new PanelFinish(style, typefaces, lettering);
        var canvas = surface.Canvas;
        canvas.Clear(style.Gutter);

        canvas.Save();
        canvas.ClipRect(panel, antialias: true);

        // Seeded by the place, not the shot: every shot of a scene shows the same buildings and trees.
        var random = new Random((int)StableHash.Of(request.PromptOverride is null ? $"{request.Location}|{request.Time}" : $"{request.Location}|{request.Time}|{request.PromptOverride}"));
        new SceneryPainter(style, palette, random).Draw(canvas, scenery, interior, layout);
        finish.Texture(canvas, layout);
        var figures = new FigurePainter(style, palette);
        foreach (var figure in layout.Figures)
        {
            figures.Draw(canvas, figure);
        }

        finish.Grain(canvas, panel, random);
        var lettered = LetteringArea(panel, request.Motion, request.SafeArea);
        var textTop = finish.Tag(canvas, lettered, request.Location, request.Time);
        new BalloonPainter(style, typefaces, lettering).Draw(canvas, request, layout with { Panel = lettered }, textTop);
        finish.Seal(canvas, panel, request.Location);
        canvas.Restore();
        finish.Border(canvas, panel);

        using var image = surface.Snapshot();
        using var pixels = image.PeekPixels();

        // Encoding dominates the render time. Opaque RGB, the "Up" filter alone and zlib level 1 take about a third of
        // the default's time for about 25 % more bytes on these flat-colored frames; the video encoder re-reads them
        // once, so speed matters more than size.
        using var png = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Up, 1))
            ?? throw new InvalidOperationException("PNG encoding failed.");
        return png.ToArray();
    }

    /// <summary>
    /// The part of the panel the shot's camera move never hides and, within every frame the move shows, outside the
    /// <paramref name="safeArea"/> margins the platform covers: balloons, captions and the tag go there. A moving shot
    /// shows 1/<see cref="CameraFraming.Headroom"/> of the still at a time, so a margin of the frame is that much of the still.
    /// </summary>
    internal static SKRect LetteringArea(SKRect panel, CameraMotion motion, SafeArea? safeArea = null)
    {
        var (horizontal, vertical) = CameraFraming.HiddenEdges(motion);
        var window = motion == CameraMotion.Still ? 1 : 1 / CameraFraming.Headroom;
        var safe = safeArea ?? new SafeArea(0, 0, 0, 0);
        return new SKRect(
            panel.Left + (float)(panel.Width * (horizontal + (safe.Left * window))),
            panel.Top + (float)(panel.Height * (vertical + (safe.Top * window))),
            panel.Right - (float)(panel.Width * (horizontal + (safe.Right * window))),
            panel.Bottom - (float)(panel.Height * (vertical + (safe.Bottom * window))));
    }

    private static void Validate(ShotImageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Width is < 16 or > MaxSide || request.Height is < 16 or > MaxSide)
        {
            throw new ArgumentOutOfRangeException(
                nameof(request), $"Frame size {request.Width}x{request.Height} is outside 16..{MaxSide} pixels per side.");
        }

        if (string.IsNullOrWhiteSpace(request.ShotId))
        {
            throw new ArgumentException("ShotId is required.", nameof(request));
        }
    }
}
