using SkiaSharp;

namespace Serverless.Studio.ShotImages;

/// <summary>Open places: tree lines and trees, paths, water with the light's reflection, mountains (ink-wash for chinese), fields, hills.</summary>
internal sealed partial class SceneryPainter
{
    private void TreeLine(SKCanvas canvas, SKRect panel, float horizon, float scale)
    {
        using var far = Fill(Tone(FrameStyle.Mix(new SKColor(0x3F, 0x7A, 0x4A), palette.SkyBottom, 0.35f)));
        var radius = panel.Width * 0.06f * scale;
        for (var x = panel.Left; x < panel.Right + radius; x += radius * 1.1f)
        {
            canvas.DrawCircle(x, horizon - (radius * (0.2f + (random.NextSingle() * 0.5f))), radius, far);
        }
    }

    private void Trees(SKCanvas canvas, SKRect panel, float horizon, float scale)
    {
        using var outline = Ink(Math.Min(panel.Width, panel.Height) / 220f);
        using var trunk = Fill(Tone(new SKColor(0x7A, 0x52, 0x34)));
        using var leaves = Fill(Tone(new SKColor(0x4E, 0x9A, 0x4C)));
        using var leavesLight = Fill(Tone(new SKColor(0x72, 0xB8, 0x5E)));
        foreach (var share in new[] { 0.08f, 0.9f })
        {
            var x = panel.Left + (panel.Width * (share + ((random.NextSingle() - 0.5f) * 0.06f)));
            var height = (horizon - panel.Top) * 0.55f * Math.Min(scale, 1.5f);
            var baseY = horizon + ((panel.Bottom - horizon) * 0.12f);
            var trunkRect = new SKRect(x - (height * 0.05f), baseY - (height * 0.6f), x + (height * 0.05f), baseY);
            canvas.DrawRect(trunkRect, trunk);
            canvas.DrawRect(trunkRect, outline);
            var crown = new SKPoint(x, baseY - (height * 0.72f));
            canvas.DrawCircle(crown, height * 0.3f, leaves);
            canvas.DrawCircle(crown, height * 0.3f, outline);
            canvas.DrawCircle(crown.X - (height * 0.08f), crown.Y - (height * 0.08f), height * 0.14f, leavesLight);
        }
    }

    private void Path(SKCanvas canvas, SKRect panel, float horizon, SKColor color)
    {
        using var fill = Fill(Tone(color));
        using var builder = new SKPathBuilder();
        builder.MoveTo(panel.MidX - (panel.Width * 0.03f), horizon);
        builder.LineTo(panel.MidX + (panel.Width * 0.03f), horizon);
        builder.QuadTo(panel.MidX + (panel.Width * 0.25f), panel.Bottom - ((panel.Bottom - horizon) * 0.4f), panel.MidX + (panel.Width * 0.35f), panel.Bottom);
        builder.LineTo(panel.MidX - (panel.Width * 0.35f), panel.Bottom);
        builder.QuadTo(panel.MidX - (panel.Width * 0.1f), panel.Bottom - ((panel.Bottom - horizon) * 0.4f), panel.MidX - (panel.Width * 0.03f), horizon);
        builder.Close();
        using var path = builder.Detach();
        canvas.DrawPath(path, fill);
    }

    private void Water(SKCanvas canvas, SKRect panel, float horizon)
    {
        var shore = horizon + ((panel.Bottom - horizon) * 0.35f);
        using var water = new SKPaint
        {
            Shader = SKShader.CreateLinearGradient(
                new SKPoint(0, horizon),
                new SKPoint(0, shore),
                [Tone(FrameStyle.Mix(new SKColor(0x2C, 0x7F, 0xB8), palette.SkyBottom, 0.35f)), Tone(new SKColor(0x2C, 0x7F, 0xB8))],
                SKShaderTileMode.Clamp),
        };
        canvas.DrawRect(new SKRect(panel.Left, horizon, panel.Right, shore), water);
        using var wave = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = Tone(new SKColor(0xE8, 0xF6, 0xFF, 0xC0)), StrokeWidth = Math.Max(1.5f, panel.Width * 0.004f), StrokeCap = SKStrokeCap.Round };
        for (var i = 0; i < 14; i++)
        {
            var y = horizon + ((shore - horizon) * random.NextSingle());
            var x = panel.Left + (panel.Width * random.NextSingle());
            var w = panel.Width * (0.03f + (0.05f * (y - horizon) / (shore - horizon)));
            canvas.DrawLine(x, y, x + w, y, wave);
        }

        // The light's reflection on the water.
        using var glint = Fill(SkyTone(palette.LightSource).WithAlpha(0x70));
        var lx = panel.Left + (panel.Width * 0.74f);
        for (var y = horizon + 4; y < shore; y += (shore - horizon) / 8f)
        {
            var w = panel.Width * 0.02f * (1 + ((y - horizon) / (shore - horizon) * 3));
            canvas.DrawRect(lx - w, y, w * 2, Math.Max(2f, (shore - horizon) / 40f), glint);
        }
    }

    private void Mountains(SKCanvas canvas, SKRect panel, float horizon, float scale)
    {
        var skyHeight = horizon - panel.Top;
        for (var layer = 0; layer < 2; layer++)
        {
            var color = FrameStyle.Mix(new SKColor(0x5A, 0x74, 0x8C), palette.SkyBottom, layer == 0 ? 0.45f : 0.1f);
            using var fill = Fill(Tone(color));
            using var builder = new SKPathBuilder();
            builder.MoveTo(panel.Left, horizon);
            var peaks = 3 + layer;
            for (var i = 0; i <= peaks; i++)
            {
                var x = panel.Left + (panel.Width * i / peaks);
                var peak = horizon - (skyHeight * (0.2f + (random.NextSingle() * 0.25f)) * Math.Min(scale, 1.3f) * (layer == 0 ? 1.2f : 0.8f));
                builder.LineTo(x - (panel.Width * 0.5f / peaks), horizon - ((horizon - peak) * 0.4f));
                builder.LineTo(x, peak);
            }

            builder.LineTo(panel.Right, horizon);
            builder.Close();
            using var path = builder.Detach();
            canvas.DrawPath(path, fill);
        }
    }

    private void InkMountains(SKCanvas canvas, SKRect panel, float horizon, float scale)
    {
        // 水墨 ridges: ink that fades into mist toward the horizon.
        var skyHeight = horizon - panel.Top;
        for (var layer = 0; layer < 2; layer++)
        {
            var top = horizon - (skyHeight * (layer == 0 ? 0.55f : 0.35f) * Math.Min(scale, 1.2f));
            using var fill = new SKPaint
            {
                IsAntialias = true,
                Shader = SKShader.CreateLinearGradient(
                    new SKPoint(0, top),
                    new SKPoint(0, horizon),
                    [new SKColor(0x2A, 0x2A, 0x2A, (byte)(layer == 0 ? 0x60 : 0x90)), new SKColor(0x2A, 0x2A, 0x2A, 0)],
                    SKShaderTileMode.Clamp),
            };
            using var builder = new SKPathBuilder();
            builder.MoveTo(panel.Left, horizon);
            var x = panel.Left;
            while (x < panel.Right)
            {
                var width = panel.Width * (0.18f + (random.NextSingle() * 0.18f));
                var peak = top + ((horizon - top) * random.NextSingle() * 0.4f);
                builder.QuadTo(x + (width * 0.35f), peak - ((horizon - top) * 0.1f), x + (width * 0.5f), peak);
                builder.QuadTo(x + (width * 0.7f), peak + ((horizon - top) * 0.2f), x + width, horizon - ((horizon - top) * 0.3f));
                x += width;
            }

            builder.LineTo(panel.Right, horizon);
            builder.Close();
            using var path = builder.Detach();
            canvas.DrawPath(path, fill);
        }
    }

    private void Fields(SKCanvas canvas, SKRect panel, float horizon)
    {
        using var furrow = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = Tone(FrameStyle.Mix(palette.Ground, SKColors.Black, 0.2f)), StrokeWidth = Math.Max(1f, panel.Width * 0.003f) };
        for (var i = -8; i <= 8; i++)
        {
            canvas.DrawLine(panel.MidX + (i * panel.Width * 0.01f), horizon, panel.MidX + (i * panel.Width * 0.18f), panel.Bottom, furrow);
        }
    }

    private void Hills(SKCanvas canvas, SKRect panel, float horizon, float scale)
    {
        using var far = Fill(Tone(FrameStyle.Mix(palette.Ground, palette.SkyBottom, 0.4f)));
        var height = (horizon - panel.Top) * 0.18f * Math.Min(scale, 1.3f);
        canvas.DrawOval(panel.Left + (panel.Width * 0.25f), horizon, panel.Width * 0.45f, height, far);
        canvas.DrawOval(panel.Left + (panel.Width * 0.8f), horizon, panel.Width * 0.4f, height * 0.8f, far);
    }
}
