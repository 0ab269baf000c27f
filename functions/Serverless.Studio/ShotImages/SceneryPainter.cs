using SkiaSharp;

namespace Serverless.Studio.ShotImages;

/// <summary>
/// Paints the place behind the figures: sky or wall, ground or floor, and a few props that say "street", "park",
/// "classroom"... The random layout is seeded by the location, so every shot of a scene shows the same place.
/// </summary>
internal sealed partial class SceneryPainter(FrameStyle style, FramePalette palette, Random random)
{
    public void Draw(SKCanvas canvas, SceneryKind kind, bool interior, ShotLayout layout)
    {
        var panel = layout.Panel;
        var horizon = layout.HorizonY;
        var scale = layout.SceneryScale;
        if (interior)
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
            case SceneryKind.Station:
                Buildings(canvas, panel, horizon, scale * 0.8f, heightShare: 0.35f);
                Platform(canvas, panel, horizon, scale, canopy: true);
                break;
            case SceneryKind.Market:
                Buildings(canvas, panel, horizon, scale * 0.8f, heightShare: 0.4f);
                Ground(canvas, panel, horizon, new SKColor(0xA8, 0x98, 0x84));
                Stalls(canvas, panel, horizon, scale);
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
            case SceneryKind.Forest:
                Ground(canvas, panel, horizon, FrameStyle.Mix(palette.Ground, new SKColor(0x3A, 0x4A, 0x2A), 0.5f));
                Woods(canvas, panel, horizon, scale);
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
            case SceneryKind.OpenField:
                Hills(canvas, panel, horizon, scale);
                Ground(canvas, panel, horizon, palette.Ground);
                Fields(canvas, panel, horizon);
                Trees(canvas, panel, horizon, scale * 0.7f);
                break;
            case SceneryKind.Exterior:
                // Unnamed outdoors: open ground under the sky and nothing that claims a particular place.
                Hills(canvas, panel, horizon, scale);
                Ground(canvas, panel, horizon, palette.Ground);
                break;
            default:
                // Outside a building the scene is named after (EXT. HOSPITAL, 学校门口): its front, with its sign.
                Buildings(canvas, panel, horizon, scale * 0.8f, heightShare: 0.35f);
                Ground(canvas, panel, horizon, new SKColor(0x9A, 0x9C, 0xA0));
                Facade(canvas, kind, panel, horizon, scale);
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
}
