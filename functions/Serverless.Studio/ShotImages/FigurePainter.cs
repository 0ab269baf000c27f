using Serverless.Studio.Speech;
using SkiaSharp;

namespace Serverless.Studio.ShotImages;

/// <summary>
/// Draws a character as a simple comic figure: head with hair and face, torso, arms and legs, proportioned by the
/// style (big heads for chibi), colored by the character's look under the shot's light, seen from the front or back.
/// </summary>
internal sealed class FigurePainter(FrameStyle style, FramePalette palette)
{
    public void Draw(SKCanvas canvas, FigurePlacement figure)
    {
        var r = figure.HeadRadius;
        var look = figure.Look;
        var k = figure.HeadsPerBody ?? style.HeadsPerBody;
        var cx = figure.X;
        var cy = figure.HeadY;
        var feetY = cy - r + (2 * r * k);
        var neckY = cy + (r * 0.9f);
        var bodyLength = feetY - neckY;
        var shoulder = r * (0.8f + (0.13f * k));
        var hipY = neckY + (bodyLength * (k < 3 ? 0.5f : 0.44f));

        using var ink = new SKPaint
        {
            IsAntialias = true,
            Style = SKPaintStyle.Stroke,
            Color = style.Ink,
            StrokeWidth = Math.Max(1.2f, r * style.OutlineWidth * 0.07f),
            StrokeJoin = SKStrokeJoin.Round,
            StrokeCap = SKStrokeCap.Round,
        };
        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };

        var skin = Tone(look.Skin);
        var hair = Tone(look.Hair);
        var outfit = Tone(look.Outfit);
        var shade = Tone(look.OutfitShade);
        var female = look.Gender == CharacterGender.Female;

        if (!figure.FacingAway)
        {
            BackHair(canvas, look.Cut, cx, cy, r, hair, fill, ink);
        }

        Legs(canvas, cx, hipY, feetY, shoulder, female ? skin : shade, fill, ink);
        var props = new PropPainter(style, Tone, look, cx, r, shoulder, neckY, hipY, feetY);
        props.Behind(canvas, fill, ink);
        Torso(canvas, cx, neckY, hipY, shoulder, r, outfit, female && !look.Has("raincoat"), feetY, fill, ink);
        props.Over(canvas, fill, ink);
        var gesturing = figure.Speaking && figure.Gestures && !figure.FacingAway;
        Arms(canvas, cx, neckY, hipY, shoulder, r, outfit, skin, gesturing, ink);
        if (!figure.FacingAway)
        {
            props.InHands(canvas, gesturing, fill, ink);
        }

        // Neck.
        fill.Color = skin;
        var neck = SKRect.Create(cx - (r * 0.22f), cy + (r * 0.6f), r * 0.44f, neckY - cy - (r * 0.45f));
        canvas.DrawRect(neck, fill);
        canvas.DrawRect(neck, ink);

        if (figure.FacingAway)
        {
            HeadFromBehind(canvas, look.Cut, cx, cy, r, skin, hair, fill, ink);
            props.OnHead(canvas, fill, ink);
            return;
        }

        // Ears, then the head over them.
        fill.Color = skin;
        foreach (var side in new[] { -1f, 1f })
        {
            canvas.DrawOval(cx + (side * r * 0.9f), cy + (r * 0.12f), r * 0.16f, r * 0.22f, fill);
            canvas.DrawOval(cx + (side * r * 0.9f), cy + (r * 0.12f), r * 0.16f, r * 0.22f, ink);
        }

        var head = new SKRect(cx - (r * 0.92f), cy - r, cx + (r * 0.92f), cy + r);
        canvas.DrawOval(head, fill);
        canvas.DrawOval(head, ink);
        Face(canvas, look, cx, cy, r, figure.Speaking, fill, ink);
        Fringe(canvas, look.Cut, cx, cy, r, hair, fill, ink);
        props.OnHead(canvas, fill, ink);
        if (look.Glasses)
        {
            using var frame = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = style.Ink, StrokeWidth = Math.Max(1f, r * 0.045f) };
            var eyeY = cy + (r * 0.15f);
            canvas.DrawCircle(cx - (r * 0.38f), eyeY, r * 0.25f * style.EyeScale, frame);
            canvas.DrawCircle(cx + (r * 0.38f), eyeY, r * 0.25f * style.EyeScale, frame);
            canvas.DrawLine(cx - (r * 0.13f), eyeY, cx + (r * 0.13f), eyeY, frame);
        }
    }

    private SKColor Tone(SKColor color) => style.Tint(palette.Light(color));

    internal static void Outline(SKCanvas canvas, SKPathBuilder builder, SKPaint fill, SKPaint ink) => Outlined(canvas, builder, fill, ink);

    private static void Outlined(SKCanvas canvas, SKPathBuilder builder, SKPaint fill, SKPaint ink)
    {
        using var path = builder.Snapshot();
        canvas.DrawPath(path, fill);
        canvas.DrawPath(path, ink);
    }

    private static void Legs(SKCanvas canvas, float cx, float hipY, float feetY, float shoulder, SKColor color, SKPaint fill, SKPaint ink)
    {
        var width = shoulder * 0.4f;
        foreach (var side in new[] { -1f, 1f })
        {
            var x = cx + (side * shoulder * 0.36f);
            var leg = new SKRoundRect(new SKRect(x - (width / 2), hipY - (width * 0.3f), x + (width / 2), feetY - (width * 0.2f)), width * 0.3f);
            fill.Color = color;
            canvas.DrawRoundRect(leg, fill);
            canvas.DrawRoundRect(leg, ink);
            fill.Color = new SKColor(0x2B, 0x25, 0x2A);
            var shoe = new SKRect(x - (width * 0.65f) + (side * width * 0.15f), feetY - (width * 0.5f), x + (width * 0.65f) + (side * width * 0.15f), feetY + (width * 0.05f));
            canvas.DrawOval(shoe, fill);
            canvas.DrawOval(shoe, ink);
        }
    }

    private static void Torso(
        SKCanvas canvas, float cx, float neckY, float hipY, float shoulder, float r, SKColor outfit, bool skirt, float feetY, SKPaint fill, SKPaint ink)
    {
        using var body = new SKPathBuilder();
        body.MoveTo(cx - (shoulder * 0.5f), neckY);
        body.QuadTo(cx - shoulder, neckY, cx - shoulder, neckY + (r * 0.55f));
        body.LineTo(cx - (shoulder * 0.78f), hipY);
        body.LineTo(cx + (shoulder * 0.78f), hipY);
        body.LineTo(cx + shoulder, neckY + (r * 0.55f));
        body.QuadTo(cx + shoulder, neckY, cx + (shoulder * 0.5f), neckY);
        body.Close();
        fill.Color = outfit;
        Outlined(canvas, body, fill, ink);

        if (skirt)
        {
            using var path = new SKPathBuilder();
            var hem = hipY + ((feetY - hipY) * 0.4f);
            path.MoveTo(cx - (shoulder * 0.78f), hipY - (r * 0.1f));
            path.LineTo(cx - (shoulder * 1.12f), hem);
            path.QuadTo(cx, hem + (r * 0.2f), cx + (shoulder * 1.12f), hem);
            path.LineTo(cx + (shoulder * 0.78f), hipY - (r * 0.1f));
            path.Close();
            fill.Color = FrameStyle.Mix(outfit, SKColors.Black, 0.25f);
            Outlined(canvas, path, fill, ink);
        }

        // A collar: a small light V that reads as a shirt at every size.
        using var collar = new SKPathBuilder();
        collar.MoveTo(cx - (shoulder * 0.42f), neckY + (r * 0.02f));
        collar.LineTo(cx, neckY + (r * 0.45f));
        collar.LineTo(cx + (shoulder * 0.42f), neckY + (r * 0.02f));
        collar.Close();
        fill.Color = FrameStyle.Mix(outfit, SKColors.White, 0.75f);
        Outlined(canvas, collar, fill, ink);
    }

    private static void Arms(
        SKCanvas canvas, float cx, float neckY, float hipY, float shoulder, float r, SKColor outfit, SKColor skin, bool gesturing, SKPaint ink)
    {
        var width = shoulder * 0.3f;
        using var outline = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round, Color = ink.Color, StrokeWidth = width + (2 * ink.StrokeWidth) };
        using var sleeve = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round, Color = outfit, StrokeWidth = width };
        using var hand = new SKPaint { IsAntialias = true, Color = skin };
        foreach (var side in new[] { -1f, 1f })
        {
            var start = new SKPoint(cx + (side * shoulder * 0.88f), neckY + (r * 0.4f));
            SKPoint elbow;
            SKPoint wrist;
            if (gesturing && side > 0)
            {
                // The speaker's raised hand: the cheapest cue for who is talking.
                elbow = new SKPoint(cx + (shoulder * 1.45f), neckY + ((hipY - neckY) * 0.55f));
                wrist = new SKPoint(cx + (shoulder * 1.25f), neckY - (r * 0.05f));
            }
            else
            {
                elbow = new SKPoint(cx + (side * shoulder * 1.08f), neckY + ((hipY - neckY) * 0.55f));
                wrist = new SKPoint(cx + (side * shoulder * 1.05f), hipY + (r * 0.1f));
            }

            using var arm = new SKPathBuilder();
            arm.MoveTo(start);
            arm.LineTo(elbow);
            arm.LineTo(wrist);
            using var armPath = arm.Detach();
            canvas.DrawPath(armPath, outline);
            canvas.DrawPath(armPath, sleeve);
            canvas.DrawCircle(wrist, width * 0.62f, hand);
            canvas.DrawCircle(wrist, width * 0.62f, ink);
        }
    }

    private void Face(SKCanvas canvas, FigureLook look, float cx, float cy, float r, bool speaking, SKPaint fill, SKPaint ink)
    {
        var eyeY = cy + (r * 0.15f);
        var scale = style.EyeScale;
        using var fine = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = style.Ink, StrokeCap = SKStrokeCap.Round, StrokeWidth = Math.Max(1f, r * 0.05f) };
        foreach (var side in new[] { -1f, 1f })
        {
            var ex = cx + (side * r * 0.38f);
            if (style.InkOnPaper)
            {
                // Ink-brush eyes: an arched lid stroke over a dot, as in a 水墨 figure.
                canvas.DrawArc(new SKRect(ex - (r * 0.17f), eyeY - (r * 0.1f), ex + (r * 0.17f), eyeY + (r * 0.14f)), 200, 140, false, fine);
                fill.Color = style.Ink;
                canvas.DrawCircle(ex, eyeY + (r * 0.02f), r * 0.075f, fill);
            }
            else
            {
                var eye = new SKRect(ex - (r * 0.14f * scale), eyeY - (r * 0.19f * scale), ex + (r * 0.14f * scale), eyeY + (r * 0.17f * scale));
                fill.Color = SKColors.White;
                canvas.DrawOval(eye, fill);
                fill.Color = style.Halftone ? SKColors.Black : Tone(look.Eyes);
                var iris = new SKRect(eye.Left + (eye.Width * 0.12f), eye.Top + (eye.Height * 0.12f), eye.Right - (eye.Width * 0.12f), eye.Bottom);
                canvas.DrawOval(iris, fill);
                fill.Color = new SKColor(0x1A, 0x14, 0x18);
                canvas.DrawCircle(iris.MidX, iris.MidY + (iris.Height * 0.05f), iris.Width * 0.28f, fill);
                fill.Color = SKColors.White;
                canvas.DrawCircle(iris.MidX - (iris.Width * 0.2f), iris.MidY - (iris.Height * 0.18f), iris.Width * 0.16f, fill);
                canvas.DrawArc(eye, 200, 140, false, fine);
            }

            // Brows.
            var browY = eyeY - (r * (0.3f + (0.08f * scale)));
            canvas.DrawLine(ex - (r * 0.16f), browY, ex + (r * 0.16f), browY - (r * 0.03f), fine);
        }

        if (style.Blush)
        {
            fill.Color = new SKColor(0xFF, 0x7E, 0x9A, 0x55);
            canvas.DrawOval(cx - (r * 0.55f), cy + (r * 0.45f), r * 0.14f, r * 0.07f, fill);
            canvas.DrawOval(cx + (r * 0.55f), cy + (r * 0.45f), r * 0.14f, r * 0.07f, fill);
        }

        var mouthY = cy + (r * 0.58f);
        if (speaking)
        {
            var mouth = new SKRect(cx - (r * 0.12f), mouthY - (r * 0.06f), cx + (r * 0.12f), mouthY + (r * 0.1f));
            fill.Color = new SKColor(0x8E, 0x2B, 0x33);
            canvas.DrawOval(mouth, fill);
            canvas.DrawOval(mouth, fine);
        }
        else
        {
            canvas.DrawArc(new SKRect(cx - (r * 0.14f), mouthY - (r * 0.1f), cx + (r * 0.14f), mouthY + (r * 0.06f)), 20, 140, false, fine);
        }
    }

    private static void BackHair(SKCanvas canvas, HairCut cut, float cx, float cy, float r, SKColor hair, SKPaint fill, SKPaint ink)
    {
        fill.Color = hair;
        using var path = new SKPathBuilder();
        switch (cut)
        {
            case HairCut.Long:
                path.AddRoundRect(new SKRect(cx - (r * 1.14f), cy - (r * 0.7f), cx + (r * 1.14f), cy + (r * 2.0f)), r * 0.8f, r * 0.8f);
                break;
            case HairCut.Bob:
                path.AddRoundRect(new SKRect(cx - (r * 1.12f), cy - (r * 0.7f), cx + (r * 1.12f), cy + (r * 0.95f)), r * 0.5f, r * 0.5f);
                break;
            case HairCut.Ponytail:
                path.AddOval(new SKRect(cx + (r * 0.55f), cy - (r * 0.6f), cx + (r * 1.55f), cy + (r * 1.6f)));
                break;
            case HairCut.TwinTails:
                path.AddOval(new SKRect(cx - (r * 1.65f), cy - (r * 0.3f), cx - (r * 0.75f), cy + (r * 1.7f)));
                path.AddOval(new SKRect(cx + (r * 0.75f), cy - (r * 0.3f), cx + (r * 1.65f), cy + (r * 1.7f)));
                break;
            default:
                return;
        }

        Outlined(canvas, path, fill, ink);
    }

    private static void Fringe(SKCanvas canvas, HairCut cut, float cx, float cy, float r, SKColor hair, SKPaint fill, SKPaint ink)
    {
        var male = cut is HairCut.Short or HairCut.Spiky or HairCut.Parted;
        var tipY = cy - (r * (male ? 0.35f : 0.12f));
        var rootY = cy - (r * (male ? 0.6f : 0.42f));
        using var path = new SKPathBuilder();
        path.MoveTo(cx - (r * 0.98f), cy + (r * (male ? -0.05f : 0.3f)));
        path.ArcTo(new SKRect(cx - (r * 1.04f), cy - (r * 1.12f), cx + (r * 1.04f), cy + (r * 0.95f)), 180, 180, false);
        path.LineTo(cx + (r * 0.98f), cy + (r * (male ? -0.05f : 0.3f)));

        // Bangs: a zigzag of locks across the forehead, parted off-center for the parted cut.
        const int locks = 5;
        for (var i = locks; i >= 0; i--)
        {
            var x = cx - (r * 0.92f) + (r * 1.84f * i / locks);
            var y = i % 2 == 0 ? rootY : tipY;
            if (cut == HairCut.Parted && i == 3)
            {
                y = rootY - (r * 0.15f);
            }

            path.LineTo(x, y);
        }

        path.Close();
        if (cut == HairCut.Spiky)
        {
            for (var i = 0; i < 4; i++)
            {
                var x = cx - (r * 0.6f) + (r * 0.4f * i);
                path.MoveTo(x - (r * 0.22f), cy - (r * 0.9f));
                path.LineTo(x + (r * 0.05f), cy - (r * 1.35f));
                path.LineTo(x + (r * 0.22f), cy - (r * 0.85f));
                path.Close();
            }
        }

        using var built = path.Detach();
        using var union = built.Simplify() ?? new SKPath(built);
        fill.Color = hair;
        canvas.DrawPath(union, fill);
        canvas.DrawPath(union, ink);

        // A shine stroke on the hair, the anime convention for glossy hair.
        using var shine = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeCap = SKStrokeCap.Round, Color = FrameStyle.Mix(hair, SKColors.White, 0.35f), StrokeWidth = Math.Max(1f, r * 0.06f) };
        canvas.DrawArc(new SKRect(cx - (r * 0.7f), cy - (r * 0.95f), cx + (r * 0.7f), cy + (r * 0.2f)), 215, 40, false, shine);
    }

    private static void HeadFromBehind(SKCanvas canvas, HairCut cut, float cx, float cy, float r, SKColor skin, SKColor hair, SKPaint fill, SKPaint ink)
    {
        fill.Color = skin;
        foreach (var side in new[] { -1f, 1f })
        {
            canvas.DrawOval(cx + (side * r * 0.9f), cy + (r * 0.12f), r * 0.16f, r * 0.22f, fill);
            canvas.DrawOval(cx + (side * r * 0.9f), cy + (r * 0.12f), r * 0.16f, r * 0.22f, ink);
        }

        fill.Color = hair;
        var head = new SKRect(cx - (r * 0.95f), cy - (r * 1.05f), cx + (r * 0.95f), cy + r);
        canvas.DrawOval(head, fill);
        canvas.DrawOval(head, ink);
        BackHair(canvas, cut, cx, cy, r, hair, fill, ink);

        // Strands falling from the crown: without them the back of a head reads as a dark ball.
        using var strand = new SKPaint
        {
            IsAntialias = true,
            Style = SKPaintStyle.Stroke,
            StrokeCap = SKStrokeCap.Round,
            Color = FrameStyle.Mix(hair, SKColors.White, 0.22f),
            StrokeWidth = Math.Max(1f, r * 0.035f),
        };
        var crown = new SKPoint(cx + (r * 0.1f), cy - (r * 0.55f));
        for (var i = -3; i <= 3; i++)
        {
            using var builder = new SKPathBuilder();
            builder.MoveTo(crown);
            builder.QuadTo(cx + (i * r * 0.3f), cy - (r * 0.2f), cx + (i * r * 0.24f), cy + (r * 0.75f));
            using var path = builder.Detach();
            canvas.DrawPath(path, strand);
        }
    }
}
