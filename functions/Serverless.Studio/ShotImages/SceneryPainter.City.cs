using SkiaSharp;

namespace Serverless.Studio.ShotImages;

/// <summary>Built-up places: buildings with lit or dark windows, a road in perspective, street lamps, a rooftop railing.</summary>
internal sealed partial class SceneryPainter
{
    private void Buildings(SKCanvas canvas, SKRect panel, float horizon, float scale, float heightShare)
    {
        var skyHeight = horizon - panel.Top;
        using var outline = Ink(Math.Min(panel.Width, panel.Height) / 250f);
        using var window = Fill(palette.LitWindows ? Tone(new SKColor(0xFF, 0xD8, 0x6A)) : Tone(new SKColor(0xB8, 0xD8, 0xEE)));
        using var darkWindow = Fill(Tone(new SKColor(0x40, 0x4A, 0x60)));
        var x = panel.Left - (random.NextSingle() * panel.Width * 0.05f);
        while (x < panel.Right)
        {
            var width = panel.Width * (0.12f + (random.NextSingle() * 0.1f)) * scale;
            var height = skyHeight * heightShare * (0.45f + (random.NextSingle() * 0.55f)) * Math.Min(scale, 1.4f);
            var building = new SKRect(x, horizon - height, x + width, horizon);
            var baseColor = SKColor.FromHsv(200 + (random.NextSingle() * 40), 12 + (random.NextSingle() * 18), 62 + (random.NextSingle() * 22));
            using var body = Fill(Tone(baseColor));
            canvas.DrawRect(building, body);
            canvas.DrawRect(building, outline);

            var cell = Math.Max(6f, width / 5f);
            for (var wy = building.Top + (cell * 0.6f); wy < horizon - cell; wy += cell * 1.1f)
            {
                for (var wx = building.Left + (cell * 0.5f); wx < building.Right - (cell * 0.8f); wx += cell)
                {
                    var lit = !palette.LitWindows || random.NextSingle() < 0.55f;
                    canvas.DrawRect(wx, wy, cell * 0.5f, cell * 0.6f, lit ? window : darkWindow);
                }
            }

            x += width * (0.92f + (random.NextSingle() * 0.1f));
        }
    }

    private void Road(SKCanvas canvas, SKRect panel, float horizon)
    {
        // A road seen in perspective: it narrows toward a vanishing point on the horizon.
        var vanishing = new SKPoint(panel.MidX, horizon);
        using var road = Fill(Tone(new SKColor(0x55, 0x57, 0x5E)));
        using var roadPath = new SKPathBuilder();
        roadPath.MoveTo(vanishing.X - (panel.Width * 0.04f), horizon);
        roadPath.LineTo(vanishing.X + (panel.Width * 0.04f), horizon);
        roadPath.LineTo(panel.Right + (panel.Width * 0.2f), panel.Bottom);
        roadPath.LineTo(panel.Left - (panel.Width * 0.2f), panel.Bottom);
        roadPath.Close();
        using (var path = roadPath.Detach())
        {
            canvas.DrawPath(path, road);
        }

        using var dash = new SKPaint { IsAntialias = true, Color = Tone(new SKColor(0xF5, 0xF0, 0xDC)), Style = SKPaintStyle.Fill };
        for (var t = 0.08f; t < 1f; t += 0.16f)
        {
            var y0 = horizon + ((panel.Bottom - horizon) * t * t);
            var y1 = horizon + ((panel.Bottom - horizon) * Math.Min(1f, (t + 0.07f) * (t + 0.07f)));
            var w0 = panel.Width * 0.004f * (1 + (t * 6));
            var w1 = panel.Width * 0.004f * (1 + ((t + 0.07f) * 6));
            using var builder = new SKPathBuilder();
            builder.MoveTo(vanishing.X - w0, y0);
            builder.LineTo(vanishing.X + w0, y0);
            builder.LineTo(vanishing.X + w1, y1);
            builder.LineTo(vanishing.X - w1, y1);
            builder.Close();
            using var path = builder.Detach();
            canvas.DrawPath(path, dash);
        }
    }

    private void StreetLamps(SKCanvas canvas, SKRect panel, float horizon, float scale)
    {
        var height = (horizon - panel.Top) * 0.45f * Math.Min(scale, 1.3f);
        using var pole = new SKPaint { IsAntialias = true, Color = Tone(new SKColor(0x3A, 0x3D, 0x48)), Style = SKPaintStyle.Stroke, StrokeWidth = Math.Max(2f, panel.Width * 0.008f), StrokeCap = SKStrokeCap.Round };
        foreach (var x in new[] { panel.Left + (panel.Width * 0.1f), panel.Right - (panel.Width * 0.1f) })
        {
            var baseY = horizon + ((panel.Bottom - horizon) * 0.18f);
            canvas.DrawLine(x, baseY, x, baseY - height, pole);
            var lamp = new SKPoint(x, baseY - height);
            if (palette.LitWindows)
            {
                using var glow = new SKPaint
                {
                    IsAntialias = true,
                    Shader = SKShader.CreateRadialGradient(lamp, height * 0.25f, [new SKColor(0xFF, 0xE0, 0x8A, 0xB0), new SKColor(0xFF, 0xE0, 0x8A, 0)], SKShaderTileMode.Clamp),
                };
                canvas.DrawCircle(lamp, height * 0.25f, glow);
            }

            using var bulb = Fill(palette.LitWindows ? new SKColor(0xFF, 0xF1, 0xB8) : Tone(new SKColor(0xE8, 0xE8, 0xE0)));
            canvas.DrawCircle(lamp, pole.StrokeWidth * 1.8f, bulb);
        }
    }

    private void Railing(SKCanvas canvas, SKRect panel, float horizon, float scale)
    {
        var top = horizon + ((panel.Bottom - horizon) * 0.05f) - (panel.Height * 0.08f * Math.Min(scale, 1.3f));
        using var bar = new SKPaint { IsAntialias = true, Color = Tone(new SKColor(0x6A, 0x70, 0x7A)), Style = SKPaintStyle.Stroke, StrokeWidth = Math.Max(2f, panel.Width * 0.008f) };
        canvas.DrawLine(panel.Left, top, panel.Right, top, bar);
        canvas.DrawLine(panel.Left, horizon, panel.Right, horizon, bar);
        for (var x = panel.Left; x < panel.Right; x += panel.Width * 0.08f)
        {
            canvas.DrawLine(x, top, x, horizon, bar);
        }
    }
}
