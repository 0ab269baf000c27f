using Serverless.Studio.Screenplays;
using SkiaSharp;

namespace Serverless.Studio.ShotImages;

/// <summary>
/// Letters the shot's line: a speech balloon whose tail points at the speaker for dialogue, a caption box for
/// narration and action. Text is shaped with HarfBuzz and wrapped to fit; balloons sit above the heads (or beside
/// them when the frame is too wide to have room above), never over a face.
/// </summary>
internal sealed class BalloonPainter(FrameStyle style, FrameTypefaces typefaces, Lettering lettering)
{
    public void Draw(SKCanvas canvas, ShotImageRequest request, ShotLayout layout, float top)
    {
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return;
        }

        var panel = layout.Panel;
        var unit = Math.Min(panel.Width, panel.Height) / 100f;
        var margin = unit * 3f;
        var typeface = style.SerifText ? typefaces.Serif : style.Halftone ? typefaces.Bold : typefaces.Regular;
        if (request.LineType == ScriptLineType.Dialogue)
        {
            Balloon(canvas, request, layout, top, unit, margin, typeface);
        }
        else
        {
            Caption(canvas, request, panel, top, unit, margin, typeface);
        }
    }

    private void Caption(SKCanvas canvas, ShotImageRequest request, SKRect panel, float top, float unit, float margin, SKTypeface typeface)
    {
        var width = panel.Width - (2 * margin);
        var text = lettering.Fit(request.Text!, typeface, unit * 4.2f, unit * 2.8f, width - (unit * 6), maxLines: 4);
        var box = SKRect.Create(panel.Left + margin, top, width, text.Height + (unit * 3.5f));
        var action = request.LineType == ScriptLineType.Action;
        using var fill = new SKPaint { IsAntialias = true, Color = action ? new SKColor(0x22, 0x22, 0x28, 0xD8) : style.CaptionFill };
        using var border = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = style.Ink, StrokeWidth = Math.Max(1.5f, unit * style.OutlineWidth * 0.7f) };
        var corner = style.Name == "chibi" ? unit * 2.5f : unit * 0.6f;
        canvas.DrawRoundRect(box, corner, corner, fill);
        canvas.DrawRoundRect(box, corner, corner, border);
        using var ink = new SKPaint { IsAntialias = true, Color = action ? SKColors.White : style.Ink };
        lettering.Draw(canvas, text, box.MidX, box.Top + (unit * 1.75f), ink);
    }

    private void Balloon(SKCanvas canvas, ShotImageRequest request, ShotLayout layout, float top, float unit, float margin, SKTypeface typeface)
    {
        var panel = layout.Panel;
        var speaker = layout.Speaker;
        var figuresTop = layout.Figures.Count == 0 ? panel.Bottom - (panel.Height * 0.3f) : layout.Figures.Min(f => f.Top);
        var region = new SKRect(panel.Left + margin, top, panel.Right - margin, figuresTop - (unit * 3));
        var beside = region.Height < panel.Height * 0.2f;
        if (beside)
        {
            // Wide frame with a big face: put the balloon on the side away from the speaker.
            var anchor = speaker ?? layout.Figures.FirstOrDefault();
            var onLeft = anchor is null || anchor.X > panel.MidX;
            var edge = anchor is null ? panel.MidX : anchor.X + ((onLeft ? -1 : 1) * anchor.HeadRadius * 1.4f);
            region = onLeft
                ? new SKRect(panel.Left + margin, top, Math.Max(panel.Left + (panel.Width * 0.3f), edge), panel.Bottom - (panel.Height * 0.25f))
                : new SKRect(Math.Min(panel.Right - (panel.Width * 0.3f), edge), top, panel.Right - margin, panel.Bottom - (panel.Height * 0.25f));
        }

        var ellipse = style.Halftone;
        var padX = unit * (ellipse ? 7f : 4f);
        var padY = unit * (ellipse ? 4.5f : 3f);
        var size = unit * 5.2f;
        var maxLines = Math.Clamp((int)((region.Height - (2 * padY) - (unit * 6)) / (size * 1.32f)), 1, 6);
        var text = lettering.Fit(request.Text!, typeface, size, unit * 2.8f, Math.Max(unit * 10, (region.Width * 0.92f) - (2 * padX)), maxLines);
        var width = Math.Max(text.Width + (2 * padX), unit * 18);
        var height = text.Height + (2 * padY);
        var target = speaker is null ? (SKPoint?)null : new SKPoint(speaker.X, speaker.Top);
        var centerX = Math.Clamp(target?.X ?? region.MidX, region.Left + (width / 2), Math.Max(region.Left + (width / 2), region.Right - (width / 2)));
        var bubbleTop = beside
            ? region.Top + (unit * 2)
            : Math.Max(region.Top, region.Top + ((region.Height - height) * 0.6f));
        var bubble = SKRect.Create(centerX - (width / 2), bubbleTop, width, height);

        using var shape = new SKPathBuilder();
        if (ellipse)
        {
            shape.AddOval(bubble);
        }
        else
        {
            var corner = style.Name == "chibi" ? height / 2 : Math.Min(height / 2, unit * (style.InkOnPaper ? 1.5f : 5f));
            shape.AddRoundRect(bubble, corner, corner);
        }

        // The tail: a wedge from the balloon toward the speaker's head; toward the frame's edge when off-screen.
        var tipTarget = speaker is null
            ? new SKPoint(panel.Right - (panel.Width * 0.08f), panel.Bottom)
            : beside
                ? new SKPoint(speaker.X + ((bubble.MidX < speaker.X ? -1 : 1) * speaker.HeadRadius * 1.1f), speaker.HeadY)
                : new SKPoint(speaker.X, speaker.Top);
        var baseCenter = beside
            ? new SKPoint(bubble.MidX < tipTarget.X ? bubble.Right - (unit * 4) : bubble.Left + (unit * 4), bubble.MidY)
            : new SKPoint(Math.Clamp(tipTarget.X, bubble.Left + (width * 0.25f), bubble.Right - (width * 0.25f)), bubble.Bottom - (unit * 2));
        var reach = Math.Min(Distance(baseCenter, tipTarget) * 0.8f, Math.Max(unit * 8, height * 0.8f));
        var direction = Normalize(tipTarget - baseCenter);
        var tip = baseCenter + new SKPoint(direction.X * (reach + (unit * 2)), direction.Y * (reach + (unit * 2)));
        var across = new SKPoint(-direction.Y, direction.X);
        var half = unit * 2.6f;
        using var tail = new SKPathBuilder();
        tail.MoveTo(baseCenter.X + (across.X * half), baseCenter.Y + (across.Y * half));
        tail.LineTo(tip);
        tail.LineTo(baseCenter.X - (across.X * half), baseCenter.Y - (across.Y * half));
        tail.Close();
        using var tailPath = tail.Detach();
        using var body = shape.Detach();

        // One outline around balloon and tail: a union, so no seam is stroked where the tail joins.
        using var outline = body.Op(tailPath, SKPathOp.Union) ?? new SKPath(body);
        using var fill = new SKPaint { IsAntialias = true, Color = style.BubbleFill };
        using var border = new SKPaint
        {
            IsAntialias = true,
            Style = SKPaintStyle.Stroke,
            Color = style.Name == "chibi" ? style.PanelBorder : style.Ink,
            StrokeWidth = Math.Max(2f, unit * style.OutlineWidth * 0.9f),
            StrokeJoin = SKStrokeJoin.Round,
        };
        canvas.DrawPath(outline, fill);
        canvas.DrawPath(outline, border);

        using var ink = new SKPaint { IsAntialias = true, Color = SKColors.Black };
        lettering.Draw(canvas, text, bubble.MidX, bubble.MidY - (text.Height / 2), ink);

        if (!string.IsNullOrWhiteSpace(request.Speaker))
        {
            NameTag(canvas, request.Speaker.Trim(), speaker, bubble, unit);
        }
    }

    private void NameTag(SKCanvas canvas, string name, FigurePlacement? speaker, SKRect bubble, float unit)
    {
        var text = lettering.Line(name, typefaces.Bold, unit * 2.8f);
        var tag = SKRect.Create(bubble.Left + (bubble.Width * 0.08f), bubble.Top - (unit * 2.6f), text.Width + (unit * 3), text.Height + (unit * 0.8f));
        var color = speaker is null ? new SKColor(0x44, 0x44, 0x50) : FrameStyle.Mix(style.Tint(speaker.Look.Outfit), SKColors.Black, 0.35f);
        using var fill = new SKPaint { IsAntialias = true, Color = color };
        canvas.DrawRoundRect(tag, tag.Height / 2, tag.Height / 2, fill);

        // A white rim keeps the tag readable against skies of its own hue.
        using var rim = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = SKColors.White, StrokeWidth = Math.Max(1.5f, unit * 0.35f) };
        canvas.DrawRoundRect(tag, tag.Height / 2, tag.Height / 2, rim);
        using var ink = new SKPaint { IsAntialias = true, Color = SKColors.White };
        lettering.Draw(canvas, text, tag.MidX, tag.Top + (unit * 0.4f), ink);
    }

    private static float Distance(SKPoint a, SKPoint b) => (b - a).Length;

    private static SKPoint Normalize(SKPoint v)
    {
        var length = v.Length;
        return length < 0.001f ? new SKPoint(0, 1) : new SKPoint(v.X / length, v.Y / length);
    }
}
