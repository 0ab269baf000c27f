using Serverless.Studio.Characters;
using SkiaSharp;

namespace Serverless.Studio.ShotImages;

/// <summary>
/// Draws what the look says a character wears and carries: a raincoat to the knees, a uniform's cap and badge, a phone,
/// a (coloured) notebook, an umbrella, a shoulder bag, and a senior's walking stick. Positions follow the figure's body.
/// </summary>
internal sealed class PropPainter(FrameStyle style, Func<SKColor, SKColor> tone, FigureLook look, float cx, float r, float shoulder, float neckY, float hipY, float feetY)
{
    private SKPoint LeftHand => new(cx - (shoulder * 1.05f), hipY + (r * 0.1f));

    private SKPoint RightHand => new(cx + (shoulder * 1.05f), hipY + (r * 0.1f));

    /// <summary>Under the torso: the long part of a raincoat and a bag's body at the hip.</summary>
    public void Behind(SKCanvas canvas, SKPaint fill, SKPaint ink)
    {
        if (look.Has("raincoat"))
        {
            var hem = hipY + ((feetY - hipY) * 0.55f);
            using var coat = new SKPathBuilder();
            coat.MoveTo(cx - (shoulder * 0.8f), hipY - (r * 0.2f));
            coat.LineTo(cx - (shoulder * 0.95f), hem);
            coat.LineTo(cx + (shoulder * 0.95f), hem);
            coat.LineTo(cx + (shoulder * 0.8f), hipY - (r * 0.2f));
            coat.Close();
            fill.Color = tone(look.PropColor("raincoat") ?? FrameStyle.Mix(look.Outfit, new SKColor(0xC8, 0xA8, 0x60), 0.5f));
            FigurePainter.Outline(canvas, coat, fill, ink);
        }
    }

    /// <summary>Over the torso: a raincoat's front and belt, a uniform's badge, a bag's strap.</summary>
    public void Over(SKCanvas canvas, SKPaint fill, SKPaint ink)
    {
        if (look.Has("raincoat"))
        {
            using var coat = new SKPathBuilder();
            coat.MoveTo(cx - (shoulder * 0.5f), neckY);
            coat.QuadTo(cx - shoulder, neckY, cx - shoulder, neckY + (r * 0.55f));
            coat.LineTo(cx - (shoulder * 0.8f), hipY);
            coat.LineTo(cx - (shoulder * 0.1f), hipY);
            coat.LineTo(cx - (shoulder * 0.15f), neckY + (r * 0.5f));
            coat.Close();
            coat.MoveTo(cx + (shoulder * 0.5f), neckY);
            coat.QuadTo(cx + shoulder, neckY, cx + shoulder, neckY + (r * 0.55f));
            coat.LineTo(cx + (shoulder * 0.8f), hipY);
            coat.LineTo(cx + (shoulder * 0.1f), hipY);
            coat.LineTo(cx + (shoulder * 0.15f), neckY + (r * 0.5f));
            coat.Close();
            fill.Color = tone(look.PropColor("raincoat") ?? FrameStyle.Mix(look.Outfit, new SKColor(0xC8, 0xA8, 0x60), 0.5f));
            FigurePainter.Outline(canvas, coat, fill, ink);
            fill.Color = tone(new SKColor(0x5A, 0x42, 0x2A));
            canvas.DrawRect(new SKRect(cx - (shoulder * 0.85f), hipY - (r * 0.35f), cx + (shoulder * 0.85f), hipY - (r * 0.2f)), fill);
        }

        if (look.Has("uniform"))
        {
            fill.Color = tone(new SKColor(0xE8, 0xC0, 0x40));
            canvas.DrawCircle(cx - (shoulder * 0.5f), neckY + (r * 0.6f), r * 0.12f, fill);
            canvas.DrawCircle(cx - (shoulder * 0.5f), neckY + (r * 0.6f), r * 0.12f, ink);
        }

        if (look.Has("bag"))
        {
            using var strap = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = tone(new SKColor(0x5A, 0x3A, 0x24)), StrokeWidth = Math.Max(1.5f, r * 0.1f) };
            canvas.DrawLine(cx - (shoulder * 0.6f), neckY, cx + (shoulder * 0.85f), hipY, strap);
            fill.Color = tone(look.PropColor("bag") ?? new SKColor(0x8A, 0x5A, 0x34));
            var bag = SKRect.Create(cx + (shoulder * 0.55f), hipY - (r * 0.2f), r * 0.8f, r * 0.6f);
            canvas.DrawRoundRect(bag, r * 0.1f, r * 0.1f, fill);
            canvas.DrawRoundRect(bag, r * 0.1f, r * 0.1f, ink);
        }
    }

    /// <summary>In the hands: phone, notebook, umbrella, a senior's stick (the speaking hand is raised and holds nothing).</summary>
    public void InHands(SKCanvas canvas, bool gesturing, SKPaint fill, SKPaint ink)
    {
        if (look.Has("phone"))
        {
            var hand = LeftHand;
            fill.Color = new SKColor(0x22, 0x24, 0x2A);
            var phone = SKRect.Create(hand.X - (r * 0.18f), hand.Y - (r * 0.5f), r * 0.36f, r * 0.62f);
            canvas.DrawRoundRect(phone, r * 0.06f, r * 0.06f, fill);
            fill.Color = tone(new SKColor(0x7F, 0xC4, 0xF4));
            canvas.DrawRect(SKRect.Inflate(phone, -r * 0.05f, -r * 0.07f), fill);
        }

        if (look.Has("notebook"))
        {
            var hand = gesturing ? LeftHand : RightHand;
            fill.Color = tone(look.PropColor("notebook") ?? new SKColor(0x3A, 0x5A, 0x9A));
            var book = SKRect.Create(hand.X - (r * 0.3f), hand.Y - (r * 0.55f), r * 0.6f, r * 0.8f);
            canvas.DrawRect(book, fill);
            canvas.DrawRect(book, ink);
        }

        if (look.Has("umbrella") && !gesturing)
        {
            var hand = RightHand;
            using var shaft = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = style.Ink, StrokeWidth = Math.Max(1f, r * 0.07f) };
            var top = new SKPoint(hand.X - (shoulder * 0.4f), neckY - (r * 2.6f));
            canvas.DrawLine(hand, top, shaft);
            fill.Color = tone(look.PropColor("umbrella") ?? new SKColor(0x2A, 0x3A, 0x6A));
            var canopy = new SKRect(top.X - (r * 2.2f), top.Y - (r * 0.9f), top.X + (r * 2.2f), top.Y + (r * 0.9f));
            using var dome = new SKPathBuilder();
            dome.AddArc(canopy, 180, 180);
            dome.Close();
            FigurePainter.Outline(canvas, dome, fill, ink);
        }

        if (look.Age == CharacterAge.Senior && !gesturing && !look.Has("umbrella"))
        {
            var hand = RightHand;
            using var stick = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round, Color = tone(new SKColor(0x6A, 0x44, 0x28)), StrokeWidth = Math.Max(1.5f, r * 0.12f) };
            canvas.DrawLine(hand.X + (r * 0.1f), hand.Y - (r * 0.1f), hand.X + (r * 0.3f), feetY, stick);
        }
    }

    /// <summary>On the head: a uniform's cap.</summary>
    public void OnHead(SKCanvas canvas, SKPaint fill, SKPaint ink)
    {
        if (!look.Has("uniform"))
        {
            return;
        }

        var cy = neckY - (r * 0.9f);
        fill.Color = tone(FrameStyle.Mix(look.Outfit, new SKColor(0x1E, 0x2A, 0x4A), 0.6f));
        using var cap = new SKPathBuilder();
        cap.AddArc(new SKRect(cx - (r * 0.95f), cy - (r * 1.25f), cx + (r * 0.95f), cy - (r * 0.15f)), 180, 180);
        cap.Close();
        FigurePainter.Outline(canvas, cap, fill, ink);
        var brim = new SKRect(cx - (r * 1.05f), cy - (r * 0.75f), cx + (r * 1.1f), cy - (r * 0.55f));
        canvas.DrawRect(brim, fill);
        canvas.DrawRect(brim, ink);
    }
}
