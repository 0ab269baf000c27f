using SkiaSharp;

namespace Serverless.Studio.ShotImages;

/// <summary>
/// Paints the place behind the figures: sky or wall, ground or floor, and a few props that say "street", "park",
/// "classroom"... The random layout is seeded by the location, so every shot of a scene shows the same place.
/// </summary>
internal sealed class SceneryPainter(FrameStyle style, FramePalette palette, Random random)
{
    public void Draw(SKCanvas canvas, SceneryKind kind, ShotLayout layout)
    {
        var panel = layout.Panel;
        var horizon = layout.HorizonY;
        var scale = layout.SceneryScale;
        if (kind.IsInterior())
        {
            Interior(canvas, kind, panel, horizon, scale);
            return;
        }

        Sky(canvas, new SKRect(panel.Left, panel.Top, panel.Right, horizon + 1), scale);
        if (style.InkOnPaper)
        {
            InkMountains(canvas, panel, horizon, scale);
        }

        switch (kind)
        {
            case SceneryKind.Street:
                Buildings(canvas, panel, horizon, scale, heightShare: 0.55f);
                Ground(canvas, panel, horizon, new SKColor(0x7A, 0x7C, 0x84));
                Road(canvas, panel, horizon);
                StreetLamps(canvas, panel, horizon, scale);
                break;
            case SceneryKind.Rooftop:
                Buildings(canvas, panel, horizon, scale * 0.7f, heightShare: 0.3f);
                Ground(canvas, panel, horizon, new SKColor(0x9A, 0x98, 0x94));
                Railing(canvas, panel, horizon, scale);
                break;
            case SceneryKind.Park:
                TreeLine(canvas, panel, horizon, scale);
                Ground(canvas, panel, horizon, palette.Ground);
                Path(canvas, panel, horizon, new SKColor(0xD8, 0xC3, 0x96));
                Trees(canvas, panel, horizon, scale);
                break;
            case SceneryKind.Waterside:
                Ground(canvas, panel, horizon, new SKColor(0xE6, 0xD2, 0xA0));
                Water(canvas, panel, horizon);
                break;
            case SceneryKind.Mountains:
                Mountains(canvas, panel, horizon, scale);
                Ground(canvas, panel, horizon, palette.Ground);
                Fields(canvas, panel, horizon);
                break;
            default:
                Hills(canvas, panel, horizon, scale);
                Ground(canvas, panel, horizon, palette.Ground);
                Trees(canvas, panel, horizon, scale * 0.7f);
                break;
        }
    }

    private SKColor Tone(SKColor color) => style.Tint(palette.Light(color));

    private SKColor SkyTone(SKColor color) => style.Tint(color);

    private static SKPaint Fill(SKColor color) => new() { IsAntialias = true, Color = color };

    private SKPaint Ink(float width) => new()
    {
        IsAntialias = true,
        Style = SKPaintStyle.Stroke,
        Color = style.Ink.WithAlpha(style.InkOnPaper ? (byte)170 : (byte)255),
        StrokeWidth = Math.Max(1f, width * style.OutlineWidth),
        StrokeJoin = SKStrokeJoin.Round,
    };

    private void Sky(SKCanvas canvas, SKRect sky, float scale)
    {
        using var gradient = new SKPaint
        {
            Shader = SKShader.CreateLinearGradient(
                new SKPoint(0, sky.Top),
                new SKPoint(0, sky.Bottom),
                [SkyTone(palette.SkyTop), SkyTone(palette.SkyMiddle), SkyTone(palette.SkyBottom)],
                [0f, 0.6f, 1f],
                SKShaderTileMode.Clamp),
        };
        canvas.DrawRect(sky, gradient);

        var unit = Math.Min(sky.Width, sky.Height) / 100f;
        if (palette.Stars)
        {
            using var star = Fill(new SKColor(0xFF, 0xFA, 0xE0, 0xD0));
            for (var i = 0; i < 60; i++)
            {
                canvas.DrawCircle(sky.Left + (random.NextSingle() * sky.Width), sky.Top + (random.NextSingle() * sky.Height * 0.8f), unit * (0.15f + (random.NextSingle() * 0.35f)), star);
            }
        }

        // Sun or moon, with a soft glow.
        var light = new SKPoint(sky.Left + (sky.Width * 0.74f), sky.Bottom - (sky.Height * palette.LightHeight));
        var radius = sky.Width * 0.07f * Math.Min(scale, 1.3f);
        using var glow = new SKPaint
        {
            IsAntialias = true,
            Shader = SKShader.CreateRadialGradient(light, radius * 3.2f, [SkyTone(palette.LightSource).WithAlpha(0x90), SkyTone(palette.LightSource).WithAlpha(0)], SKShaderTileMode.Clamp),
        };
        canvas.DrawCircle(light, radius * 3.2f, glow);
        using var disc = Fill(SkyTone(palette.LightSource));
        if (palette.Time == TimeOfDay.Night)
        {
            // A crescent: the disc minus an offset disc, cut out rather than painted over so the glow shows through.
            using var full = new SKPathBuilder();
            full.AddCircle(light.X, light.Y, radius);
            using var bite = new SKPathBuilder();
            bite.AddCircle(light.X + (radius * 0.45f), light.Y - (radius * 0.2f), radius * 0.85f);
            using var fullPath = full.Detach();
            using var bitePath = bite.Detach();
            using var crescent = fullPath.Op(bitePath, SKPathOp.Difference);
            if (crescent is not null)
            {
                canvas.DrawPath(crescent, disc);
            }
        }
        else
        {
            canvas.DrawCircle(light, radius, disc);
        }

        if (palette.Time is TimeOfDay.Day or TimeOfDay.Morning)
        {
            using var cloud = Fill(SkyTone(new SKColor(0xFF, 0xFF, 0xFF, 0xE0)));
            for (var i = 0; i < 3; i++)
            {
                var cx = sky.Left + (sky.Width * (0.12f + (0.3f * i) + (random.NextSingle() * 0.1f)));
                var cy = sky.Top + (sky.Height * (0.12f + (random.NextSingle() * 0.3f)));
                var w = sky.Width * 0.09f * scale;
                canvas.DrawOval(cx, cy, w, w * 0.38f, cloud);
                canvas.DrawOval(cx - (w * 0.55f), cy + (w * 0.12f), w * 0.6f, w * 0.3f, cloud);
                canvas.DrawOval(cx + (w * 0.6f), cy + (w * 0.1f), w * 0.65f, w * 0.32f, cloud);
            }
        }
    }

    private void Ground(SKCanvas canvas, SKRect panel, float horizon, SKColor color)
    {
        using var gradient = new SKPaint
        {
            Shader = SKShader.CreateLinearGradient(
                new SKPoint(0, horizon),
                new SKPoint(0, panel.Bottom),
                [Tone(FrameStyle.Mix(color, palette.SkyBottom, 0.25f)), Tone(color), Tone(FrameStyle.Mix(color, SKColors.Black, 0.2f))],
                [0f, 0.35f, 1f],
                SKShaderTileMode.Clamp),
        };
        canvas.DrawRect(new SKRect(panel.Left, horizon, panel.Right, panel.Bottom), gradient);
        using var line = Ink(Math.Min(panel.Width, panel.Height) / 300f);
        canvas.DrawLine(panel.Left, horizon, panel.Right, horizon, line);
    }

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

    private void Interior(SKCanvas canvas, SceneryKind kind, SKRect panel, float horizon, float scale)
    {
        var wallColor = kind switch
        {
            SceneryKind.Classroom => new SKColor(0xEE, 0xE6, 0xD2),
            SceneryKind.Cafe => new SKColor(0xD9, 0xB8, 0x8F),
            SceneryKind.Office => new SKColor(0xDD, 0xE3, 0xE8),
            _ => new SKColor(0xF0, 0xDF, 0xC8),
        };
        using var wall = new SKPaint
        {
            Shader = SKShader.CreateLinearGradient(
                new SKPoint(0, panel.Top),
                new SKPoint(0, horizon),
                [Tone(FrameStyle.Mix(wallColor, SKColors.Black, 0.12f)), Tone(wallColor)],
                SKShaderTileMode.Clamp),
        };
        canvas.DrawRect(new SKRect(panel.Left, panel.Top, panel.Right, horizon), wall);

        // A window onto the time of day, so interiors still read as morning, dusk or night.
        var wallHeight = horizon - panel.Top;
        var windowWidth = panel.Width * (kind == SceneryKind.Office ? 0.5f : 0.32f) * Math.Min(scale, 1.4f);
        var window = SKRect.Create(panel.Right - windowWidth - (panel.Width * 0.08f), panel.Top + (wallHeight * 0.18f), windowWidth, wallHeight * 0.45f);
        canvas.Save();
        canvas.ClipRect(window);
        Sky(canvas, window, 0.6f);
        if (kind == SceneryKind.Office)
        {
            Buildings(canvas, window, window.Bottom, 0.5f, 0.6f);
        }

        canvas.Restore();
        using var frame = Ink(Math.Min(panel.Width, panel.Height) / 120f);
        frame.Color = Tone(new SKColor(0xF7, 0xF4, 0xEE));
        canvas.DrawRect(window, frame);
        canvas.DrawLine(window.MidX, window.Top, window.MidX, window.Bottom, frame);
        using var outline = Ink(Math.Min(panel.Width, panel.Height) / 260f);
        canvas.DrawRect(SKRect.Inflate(window, frame.StrokeWidth / 2, frame.StrokeWidth / 2), outline);

        using var floor = new SKPaint
        {
            Shader = SKShader.CreateLinearGradient(
                new SKPoint(0, horizon),
                new SKPoint(0, panel.Bottom),
                [Tone(new SKColor(0xC0, 0x8A, 0x5A)), Tone(new SKColor(0x8A, 0x5C, 0x3A))],
                SKShaderTileMode.Clamp),
        };
        canvas.DrawRect(new SKRect(panel.Left, horizon, panel.Right, panel.Bottom), floor);
        using var plank = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = Tone(new SKColor(0x6E, 0x46, 0x2A, 0x90)), StrokeWidth = Math.Max(1f, panel.Width * 0.002f) };
        for (var i = -10; i <= 10; i++)
        {
            canvas.DrawLine(panel.MidX + (i * panel.Width * 0.03f), horizon, panel.MidX + (i * panel.Width * 0.2f), panel.Bottom, plank);
        }

        canvas.DrawLine(panel.Left, horizon, panel.Right, horizon, outline);

        switch (kind)
        {
            case SceneryKind.Classroom:
                {
                    var board = SKRect.Create(panel.Left + (panel.Width * 0.06f), panel.Top + (wallHeight * 0.2f), panel.Width * 0.48f * Math.Min(scale, 1.3f), wallHeight * 0.38f);
                    using var green = Fill(Tone(new SKColor(0x2E, 0x5A, 0x44)));
                    canvas.DrawRect(board, green);
                    using var boardFrame = Ink(Math.Min(panel.Width, panel.Height) / 110f);
                    boardFrame.Color = Tone(new SKColor(0x9A, 0x6A, 0x3E));
                    canvas.DrawRect(board, boardFrame);
                    using var chalk = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = new SKColor(0xF2, 0xF2, 0xE8, 0xB0), StrokeWidth = Math.Max(1.5f, board.Height * 0.02f), StrokeCap = SKStrokeCap.Round };
                    for (var i = 0; i < 3; i++)
                    {
                        var y = board.Top + (board.Height * (0.28f + (0.22f * i)));
                        canvas.DrawLine(board.Left + (board.Width * 0.1f), y, board.Left + (board.Width * (0.4f + (random.NextSingle() * 0.45f))), y, chalk);
                    }

                    Desks(canvas, panel, horizon);
                    break;
                }

            case SceneryKind.Cafe:
                {
                    var counterTop = horizon - (wallHeight * 0.12f);
                    using var counter = Fill(Tone(new SKColor(0x6B, 0x44, 0x2A)));
                    canvas.DrawRect(new SKRect(panel.Left, counterTop, panel.Left + (panel.Width * 0.55f), horizon + ((panel.Bottom - horizon) * 0.15f)), counter);
                    using var shelf = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = Tone(new SKColor(0x5A, 0x3A, 0x24)), StrokeWidth = Math.Max(2f, panel.Width * 0.006f) };
                    using var cup = Fill(Tone(new SKColor(0xF4, 0xEE, 0xE2)));
                    for (var row = 0; row < 2; row++)
                    {
                        var y = panel.Top + (wallHeight * (0.3f + (0.2f * row)));
                        canvas.DrawLine(panel.Left + (panel.Width * 0.05f), y, panel.Left + (panel.Width * 0.5f), y, shelf);
                        for (var i = 0; i < 5; i++)
                        {
                            var cx = panel.Left + (panel.Width * (0.08f + (0.085f * i)));
                            var size = panel.Width * 0.025f * Math.Min(scale, 1.3f);
                            canvas.DrawRoundRect(SKRect.Create(cx, y - size * 1.2f, size, size * 1.2f), size * 0.2f, size * 0.2f, cup);
                        }
                    }

                    using var lampLight = Fill(palette.LitWindows ? new SKColor(0xFF, 0xD8, 0x80) : Tone(new SKColor(0xF0, 0xC0, 0x60)));
                    using var cord = Ink(Math.Min(panel.Width, panel.Height) / 400f);
                    foreach (var share in new[] { 0.2f, 0.45f })
                    {
                        var lx = panel.Left + (panel.Width * share);
                        canvas.DrawLine(lx, panel.Top, lx, panel.Top + (wallHeight * 0.1f), cord);
                        canvas.DrawArc(SKRect.Create(lx - (panel.Width * 0.04f), panel.Top + (wallHeight * 0.08f), panel.Width * 0.08f, panel.Width * 0.06f), 180, 180, true, lampLight);
                    }

                    break;
                }

            case SceneryKind.Office:
                {
                    var deskTop = horizon + ((panel.Bottom - horizon) * 0.1f);
                    using var desk = Fill(Tone(new SKColor(0xB8, 0xBE, 0xC6)));
                    canvas.DrawRect(new SKRect(panel.Left + (panel.Width * 0.05f), deskTop - (panel.Height * 0.02f), panel.Left + (panel.Width * 0.45f), deskTop), desk);
                    using var screen = Fill(Tone(new SKColor(0x22, 0x28, 0x34)));
                    var monitor = SKRect.Create(panel.Left + (panel.Width * 0.12f), deskTop - (panel.Height * 0.12f), panel.Width * 0.2f, panel.Height * 0.09f);
                    canvas.DrawRoundRect(monitor, 6, 6, screen);
                    using var glow = Fill(Tone(new SKColor(0x6F, 0xB6, 0xF0)));
                    canvas.DrawRect(SKRect.Inflate(monitor, -monitor.Width * 0.06f, -monitor.Height * 0.1f), glow);
                    break;
                }

            default:
                {
                    // Home: a framed picture and a plant.
                    var picture = SKRect.Create(panel.Left + (panel.Width * 0.12f), panel.Top + (wallHeight * 0.25f), panel.Width * 0.2f * Math.Min(scale, 1.3f), wallHeight * 0.2f);
                    using var art = new SKPaint
                    {
                        Shader = SKShader.CreateLinearGradient(new SKPoint(picture.Left, picture.Top), new SKPoint(picture.Right, picture.Bottom), [Tone(new SKColor(0x9C, 0xC8, 0xE0)), Tone(new SKColor(0xE8, 0xB4, 0x8A))], SKShaderTileMode.Clamp),
                    };
                    canvas.DrawRect(picture, art);
                    using var pictureFrame = Ink(Math.Min(panel.Width, panel.Height) / 150f);
                    pictureFrame.Color = Tone(new SKColor(0x7A, 0x52, 0x34));
                    canvas.DrawRect(picture, pictureFrame);
                    using var pot = Fill(Tone(new SKColor(0xB8, 0x5C, 0x3A)));
                    using var leaf = Fill(Tone(new SKColor(0x4E, 0x9A, 0x4C)));
                    var px = panel.Left + (panel.Width * 0.08f);
                    var size = panel.Width * 0.06f * Math.Min(scale, 1.4f);
                    canvas.DrawCircle(px + (size * 0.5f), horizon - (size * 1.4f), size * 0.8f, leaf);
                    canvas.DrawRect(SKRect.Create(px, horizon - (size * 0.8f), size, size), pot);
                    break;
                }
        }
    }

    private void Desks(SKCanvas canvas, SKRect panel, float horizon)
    {
        using var desk = Fill(Tone(new SKColor(0xC8, 0x9A, 0x62)));
        using var outline = Ink(Math.Min(panel.Width, panel.Height) / 300f);
        var depth = panel.Bottom - horizon;
        for (var row = 0; row < 2; row++)
        {
            var y = horizon + (depth * (0.15f + (0.4f * row)));
            var width = panel.Width * (0.2f + (0.08f * row));
            for (var col = -1; col <= 1; col++)
            {
                var rect = SKRect.Create(panel.MidX + (col * width * 1.35f) - (width / 2), y, width, depth * 0.07f);
                canvas.DrawRect(rect, desk);
                canvas.DrawRect(rect, outline);
            }
        }
    }
}
