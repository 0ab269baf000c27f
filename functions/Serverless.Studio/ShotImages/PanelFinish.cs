using SkiaSharp;

namespace Serverless.Studio.ShotImages;

/// <summary>
/// What makes a frame read as a comic panel in its style: gutter and border, halftone dots for comic, rice-paper
/// fibres and a red seal for chinese, and the location/time tag.
/// </summary>
internal sealed class PanelFinish(FrameStyle style, FrameTypefaces typefaces, Lettering lettering)
{
    /// <summary>The panel inside the gutter.</summary>
    public static SKRect Panel(int width, int height)
    {
        var gutter = Math.Min(width, height) * 0.025f;
        return new SKRect(gutter, gutter, width - gutter, height - gutter);
    }

    /// <summary>Texture over the scenery (before figures): halftone dots in the sky for comic.</summary>
    public void Texture(SKCanvas canvas, ShotLayout layout)
    {
        if (!style.Halftone)
        {
            return;
        }

        // One dot cell drawn at its final pixel size, then repeated unscaled: sampling a scaled tile through a
        // gradient mask cost 60 ms a frame, this costs a few. The fade toward the horizon is a few bands of
        // falling opacity, which halftone's coarse dots hide.
        var cell = Math.Max(4, (int)MathF.Round(Math.Min(layout.Panel.Width, layout.Panel.Height) * 0.016f));
        using var tile = Tile(cell, tileCanvas =>
        {
            using var dot = new SKPaint { IsAntialias = true, Color = SKColors.Black };
            tileCanvas.DrawCircle(cell / 2f, cell / 2f, cell * 0.22f, dot);
        });
        using var dots = new SKPaint { Shader = SKShader.CreateImage(tile, SKShaderTileMode.Repeat, SKShaderTileMode.Repeat) };
        byte[] opacity = [0x48, 0x38, 0x28, 0x18, 0x0C];
        var height = (layout.HorizonY - layout.Panel.Top) / opacity.Length;
        for (var i = 0; i < opacity.Length; i++)
        {
            dots.Color = SKColors.Black.WithAlpha(opacity[i]);
            canvas.DrawRect(new SKRect(layout.Panel.Left, layout.Panel.Top + (i * height), layout.Panel.Right, layout.Panel.Top + ((i + 1) * height)), dots);
        }
    }

    /// <summary>
    /// Finish over everything inside the panel for chinese: rice-paper fibres and a darkened rim. Sparse strokes
    /// rather than per-pixel noise, which looked the same but tripled the PNG's size and encoding time.
    /// </summary>
    public void Grain(SKCanvas canvas, SKRect panel, Random random)
    {
        if (!style.InkOnPaper)
        {
            return;
        }

        var unit = Math.Min(panel.Width, panel.Height) / 100f;
        using var fibre = new SKPaint
        {
            IsAntialias = true,
            Style = SKPaintStyle.Stroke,
            StrokeCap = SKStrokeCap.Round,
            Color = new SKColor(0x6B, 0x55, 0x3A, 0x22),
            StrokeWidth = Math.Max(1f, unit * 0.18f),
        };
        for (var i = 0; i < 140; i++)
        {
            var x = panel.Left + (random.NextSingle() * panel.Width);
            var y = panel.Top + (random.NextSingle() * panel.Height);
            var length = unit * (1.5f + (random.NextSingle() * 4f));
            var angle = random.NextSingle() * MathF.PI;
            canvas.DrawLine(x, y, x + (MathF.Cos(angle) * length), y + (MathF.Sin(angle) * length), fibre);
        }

        // A darkened rim, drawn as four edge bands: a panel-sized radial gradient cost more than all the figures.
        var band = Math.Min(panel.Width, panel.Height) * 0.12f;
        var aged = new SKColor(0x8A, 0x6A, 0x40, 0x48);
        var clear = aged.WithAlpha(0);
        EdgeBand(canvas, new SKRect(panel.Left, panel.Top, panel.Right, panel.Top + band), new SKPoint(0, panel.Top), new SKPoint(0, panel.Top + band), aged, clear);
        EdgeBand(canvas, new SKRect(panel.Left, panel.Bottom - band, panel.Right, panel.Bottom), new SKPoint(0, panel.Bottom), new SKPoint(0, panel.Bottom - band), aged, clear);
        EdgeBand(canvas, new SKRect(panel.Left, panel.Top, panel.Left + band, panel.Bottom), new SKPoint(panel.Left, 0), new SKPoint(panel.Left + band, 0), aged, clear);
        EdgeBand(canvas, new SKRect(panel.Right - band, panel.Top, panel.Right, panel.Bottom), new SKPoint(panel.Right, 0), new SKPoint(panel.Right - band, 0), aged, clear);
    }

    private static void EdgeBand(SKCanvas canvas, SKRect rect, SKPoint from, SKPoint to, SKColor edge, SKColor inner)
    {
        using var paint = new SKPaint { Shader = SKShader.CreateLinearGradient(from, to, [edge, inner], SKShaderTileMode.Clamp) };
        canvas.DrawRect(rect, paint);
    }

    public void Border(SKCanvas canvas, SKRect panel)
    {
        var unit = Math.Min(panel.Width, panel.Height) / 100f;
        using var border = new SKPaint
        {
            IsAntialias = true,
            Style = SKPaintStyle.Stroke,
            Color = style.PanelBorder,
            StrokeWidth = Math.Max(2f, unit * (style.Halftone ? 1.2f : style.InkOnPaper ? 0.8f : 0.6f)),
        };
        var corner = style.Name == "chibi" ? unit * 4 : 0;
        canvas.DrawRoundRect(panel, corner, corner, border);
        if (style.InkOnPaper)
        {
            // A second, thinner rule: the mounted-scroll look.
            border.StrokeWidth = Math.Max(1f, unit * 0.25f);
            canvas.DrawRect(SKRect.Inflate(panel, -unit * 1.2f, -unit * 1.2f), border);
        }
    }

    /// <summary>The location and time tag at the panel's top left; returns where the next element may start.</summary>
    public float Tag(SKCanvas canvas, SKRect panel, string? location, string? time)
    {
        var unit = Math.Min(panel.Width, panel.Height) / 100f;
        var label = string.Join(" · ", new[] { location, time }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()));
        if (label.Length == 0)
        {
            return panel.Top + (unit * 3);
        }

        var text = lettering.Fit(label, typefaces.Bold, unit * 3.4f, unit * 2.2f, panel.Width * 0.7f, maxLines: 1);
        var tag = SKRect.Create(panel.Left + (unit * 2.5f), panel.Top + (unit * 2.5f), text.Width + (unit * 4), text.Height + (unit * 1.2f));
        using var fill = new SKPaint { IsAntialias = true, Color = style.InkOnPaper ? new SKColor(0x2A, 0x22, 0x1C, 0xD0) : new SKColor(0x10, 0x12, 0x1A, 0xB0) };
        canvas.DrawRoundRect(tag, unit * 1.2f, unit * 1.2f, fill);
        using var ink = new SKPaint { IsAntialias = true, Color = SKColors.White };
        lettering.Draw(canvas, text, tag.MidX, tag.Top + (unit * 0.6f), ink);
        return tag.Bottom + (unit * 3);
    }

    /// <summary>The red seal of a 国风 painting, carrying the first character of the place.</summary>
    public void Seal(SKCanvas canvas, SKRect panel, string? location)
    {
        if (!style.InkOnPaper)
        {
            return;
        }

        var unit = Math.Min(panel.Width, panel.Height) / 100f;
        var glyph = (location ?? string.Empty).Trim().EnumerateRunes().Select(r => r.ToString()).FirstOrDefault(s => s.Length > 0 && !char.IsWhiteSpace(s[0])) ?? "印";
        var seal = SKRect.Create(panel.Right - (unit * 13), panel.Bottom - (unit * 13), unit * 9, unit * 9);
        using var red = new SKPaint { IsAntialias = true, Color = new SKColor(0xB8, 0x1E, 0x1E, 0xE0) };
        canvas.DrawRoundRect(seal, unit, unit, red);
        var text = lettering.Line(glyph, typefaces.Serif, unit * 6f);
        using var white = new SKPaint { IsAntialias = true, Color = new SKColor(0xF8, 0xEE, 0xE0) };
        lettering.Draw(canvas, text, seal.MidX, seal.MidY - (text.Height / 2), white);
    }

    private static SKImage Tile(int size, Action<SKCanvas> draw)
    {
        using var surface = SKSurface.Create(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("Could not create a texture surface.");
        surface.Canvas.Clear(SKColors.Transparent);
        draw(surface.Canvas);
        return surface.Snapshot();
    }
}
