using SkiaSharp;

namespace Serverless.Studio.ShotImages;

/// <summary>Furniture of named rooms: a ward's bed and drip stand, a kitchen's counter, a bed, shelves, a hall's chairs, a stage, a cabin.</summary>
internal sealed partial class SceneryPainter
{
    private float Line(SKRect panel, float share) => Math.Max(1f, Math.Min(panel.Width, panel.Height) / share);

    private void Box(SKCanvas canvas, SKRect rect, SKColor color, SKRect panel)
    {
        using var fill = Fill(Tone(color));
        using var outline = Ink(Line(panel, 300f));
        canvas.DrawRect(rect, fill);
        canvas.DrawRect(rect, outline);
    }

    private void HospitalWard(SKCanvas canvas, SKRect panel, float horizon, float wallHeight, float scale)
    {
        // A red cross on the wall, a bed with rails and a drip stand: a ward at any size.
        var unit = panel.Width * 0.06f * Math.Min(scale, 1.3f);
        var cross = new SKPoint(panel.Left + (panel.Width * 0.18f), panel.Top + (wallHeight * 0.3f));
        using var red = Fill(Tone(new SKColor(0xD8, 0x2A, 0x2A)));
        canvas.DrawRect(SKRect.Create(cross.X - (unit * 0.5f), cross.Y - (unit * 0.15f), unit, unit * 0.3f), red);
        canvas.DrawRect(SKRect.Create(cross.X - (unit * 0.15f), cross.Y - (unit * 0.5f), unit * 0.3f, unit), red);
        var bed = SKRect.Create(panel.Left + (panel.Width * 0.04f), horizon - (wallHeight * 0.1f), panel.Width * 0.42f, wallHeight * 0.12f);
        Box(canvas, bed, new SKColor(0xF4, 0xF6, 0xF8), panel);
        Box(canvas, SKRect.Create(bed.Left, bed.Top - (bed.Height * 0.6f), bed.Width * 0.2f, bed.Height * 0.6f), new SKColor(0xEA, 0xEE, 0xF2), panel);
        using var rail = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = Tone(new SKColor(0x8A, 0x94, 0xA0)), StrokeWidth = Line(panel, 150f) };
        canvas.DrawLine(bed.Left, bed.Top - (bed.Height * 0.9f), bed.Left, bed.Bottom + (bed.Height * 0.8f), rail);
        canvas.DrawLine(bed.Right, bed.Top - (bed.Height * 0.5f), bed.Right, bed.Bottom + (bed.Height * 0.8f), rail);
        var pole = panel.Left + (panel.Width * 0.52f);
        canvas.DrawLine(pole, horizon, pole, panel.Top + (wallHeight * 0.45f), rail);
        using var bag = Fill(Tone(new SKColor(0xC8, 0xE4, 0xF4)));
        canvas.DrawRoundRect(SKRect.Create(pole - (unit * 0.2f), panel.Top + (wallHeight * 0.45f), unit * 0.4f, unit * 0.55f), unit * 0.1f, unit * 0.1f, bag);
    }

    private void KitchenCounter(SKCanvas canvas, SKRect panel, float horizon, float wallHeight, float scale)
    {
        // Tiles above a counter with cupboards, a stove with two rings and wall cabinets: the look of a kitchen.
        var counterTop = horizon - (wallHeight * 0.2f);
        using var tile = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = Tone(new SKColor(0xB8, 0xC8, 0xCC)), StrokeWidth = Line(panel, 400f) };
        var cell = panel.Width * 0.05f;
        for (var y = counterTop - (wallHeight * 0.25f); y < counterTop; y += cell)
        {
            canvas.DrawLine(panel.Left, y, panel.Right, y, tile);
        }

        for (var x = panel.Left; x < panel.Right; x += cell)
        {
            canvas.DrawLine(x, counterTop - (wallHeight * 0.25f), x, counterTop, tile);
        }

        Box(canvas, new SKRect(panel.Left, counterTop, panel.Right, horizon + ((panel.Bottom - horizon) * 0.08f)), new SKColor(0x8E, 0xB4, 0xC8), panel);
        Box(canvas, new SKRect(panel.Left, counterTop - (wallHeight * 0.03f), panel.Right, counterTop), new SKColor(0xE8, 0xE2, 0xD6), panel);
        Box(canvas, SKRect.Create(panel.Left + (panel.Width * 0.05f), panel.Top + (wallHeight * 0.08f), panel.Width * 0.4f, wallHeight * 0.22f), new SKColor(0x8E, 0xB4, 0xC8), panel);
        using var ring = Ink(Line(panel, 160f));
        ring.Color = Tone(new SKColor(0x30, 0x30, 0x34));
        var ringRadius = panel.Width * 0.04f * Math.Min(scale, 1.3f);
        foreach (var share in new[] { 0.62f, 0.78f })
        {
            canvas.DrawOval(panel.Left + (panel.Width * share), counterTop - (ringRadius * 0.2f), ringRadius, ringRadius * 0.25f, ring);
        }

        using var pot = Fill(Tone(new SKColor(0xB0, 0xB4, 0xBA)));
        canvas.DrawRect(SKRect.Create(panel.Left + (panel.Width * 0.62f) - ringRadius, counterTop - (ringRadius * 1.6f), ringRadius * 2, ringRadius * 1.4f), pot);
    }

    private void Bed(SKCanvas canvas, SKRect panel, float horizon, float wallHeight, float scale)
    {
        var bed = SKRect.Create(panel.Left + (panel.Width * 0.02f), horizon - (wallHeight * 0.16f), panel.Width * 0.5f * Math.Min(scale, 1.2f), wallHeight * 0.2f);
        Box(canvas, SKRect.Create(bed.Left, bed.Top - (wallHeight * 0.2f), bed.Width * 0.08f, (wallHeight * 0.2f) + bed.Height), new SKColor(0x8A, 0x5C, 0x3A), panel);
        Box(canvas, bed, new SKColor(0x6C, 0x8E, 0xD0), panel);
        using var pillow = Fill(Tone(new SKColor(0xFA, 0xF6, 0xEE)));
        canvas.DrawRoundRect(SKRect.Create(bed.Left + (bed.Width * 0.1f), bed.Top - (bed.Height * 0.35f), bed.Width * 0.25f, bed.Height * 0.5f), bed.Height * 0.2f, bed.Height * 0.2f, pillow);
        var lamp = SKRect.Create(bed.Right + (panel.Width * 0.03f), horizon - (wallHeight * 0.14f), panel.Width * 0.08f, wallHeight * 0.14f);
        Box(canvas, lamp, new SKColor(0x9A, 0x6C, 0x44), panel);
        using var shade = Fill(palette.LitWindows ? new SKColor(0xFF, 0xD8, 0x80) : Tone(new SKColor(0xF0, 0xE0, 0xB8)));
        canvas.DrawRect(SKRect.Create(lamp.Left + (lamp.Width * 0.2f), lamp.Top - (lamp.Height * 0.6f), lamp.Width * 0.6f, lamp.Height * 0.4f), shade);
    }

    private void Shelves(SKCanvas canvas, SKRect panel, float horizon, float wallHeight, float scale)
    {
        // Shelves of coloured goods along the wall and a counter in front: a shop rather than a home.
        var goods = new[] { new SKColor(0xE0, 0x5A, 0x4A), new SKColor(0x4A, 0x9A, 0xD8), new SKColor(0xF0, 0xC0, 0x40), new SKColor(0x5A, 0xB0, 0x6A) };
        var width = panel.Width * 0.55f;
        using var board = Ink(Line(panel, 120f));
        board.Color = Tone(new SKColor(0x8A, 0x62, 0x40));
        for (var row = 0; row < 4; row++)
        {
            var y = panel.Top + (wallHeight * (0.25f + (0.2f * row)));
            canvas.DrawLine(panel.Left, y, panel.Left + width, y, board);
            var size = panel.Width * 0.035f * Math.Min(scale, 1.3f);
            var i = 0;
            for (var x = panel.Left + (size * 0.4f); x < panel.Left + width - size; x += size * 1.25f)
            {
                using var item = Fill(Tone(goods[(row + i++) % goods.Length]));
                canvas.DrawRect(SKRect.Create(x, y - (size * 1.3f), size, size * 1.3f), item);
            }
        }

        Box(canvas, new SKRect(panel.Left + (panel.Width * 0.6f), horizon - (wallHeight * 0.18f), panel.Right, horizon + ((panel.Bottom - horizon) * 0.1f)), new SKColor(0xC8, 0x9A, 0x62), panel);
    }

    private void HallChairs(SKCanvas canvas, SKRect panel, float horizon, float wallHeight, float scale)
    {
        // A school hall: a banner over a low stage and rows of chairs.
        Box(canvas, SKRect.Create(panel.Left + (panel.Width * 0.1f), panel.Top + (wallHeight * 0.06f), panel.Width * 0.5f, wallHeight * 0.1f), new SKColor(0xC8, 0x30, 0x30), panel);
        Box(canvas, new SKRect(panel.Left, horizon - (wallHeight * 0.08f), panel.Right, horizon), new SKColor(0x9A, 0x6A, 0x3E), panel);
        var depth = panel.Bottom - horizon;
        var size = panel.Width * 0.05f * Math.Min(scale, 1.3f);
        for (var row = 0; row < 3; row++)
        {
            var y = horizon + (depth * (0.1f + (0.3f * row)));
            for (var x = panel.Left + (size * 0.5f); x < panel.Right - size; x += size * 1.6f)
            {
                Box(canvas, SKRect.Create(x, y, size, size * 0.9f), new SKColor(0x4A, 0x6A, 0x9A), panel);
            }
        }
    }

    private void StageCurtains(SKCanvas canvas, SKRect panel, float horizon, float wallHeight)
    {
        // Red curtains on both sides, a pelmet and a spotlight's cone on the boards.
        using var curtain = Fill(Tone(new SKColor(0xA8, 0x1C, 0x2C)));
        using var fold = Ink(Line(panel, 200f));
        fold.Color = Tone(new SKColor(0x70, 0x10, 0x1C));
        foreach (var (left, right) in new[] { (panel.Left, panel.Left + (panel.Width * 0.2f)), (panel.Right - (panel.Width * 0.2f), panel.Right) })
        {
            canvas.DrawRect(new SKRect(left, panel.Top, right, horizon), curtain);
            for (var x = left + (panel.Width * 0.04f); x < right; x += panel.Width * 0.05f)
            {
                canvas.DrawLine(x, panel.Top, x, horizon, fold);
            }
        }

        canvas.DrawRect(new SKRect(panel.Left, panel.Top, panel.Right, panel.Top + (wallHeight * 0.1f)), curtain);
        using var spot = new SKPaint { IsAntialias = true, Color = new SKColor(0xFF, 0xF4, 0xC8, 0x50) };
        using var cone = new SKPathBuilder();
        cone.MoveTo(panel.MidX - (panel.Width * 0.05f), panel.Top);
        cone.LineTo(panel.MidX + (panel.Width * 0.05f), panel.Top);
        cone.LineTo(panel.MidX + (panel.Width * 0.3f), panel.Bottom);
        cone.LineTo(panel.MidX - (panel.Width * 0.3f), panel.Bottom);
        cone.Close();
        using var path = cone.Detach();
        canvas.DrawPath(path, spot);
    }

    private void VehicleCabin(SKCanvas canvas, SKRect panel, float horizon, float wallHeight, float scale)
    {
        // A band of windows onto the light outside, a handrail and seat backs: inside a bus or car.
        var band = new SKRect(panel.Left, panel.Top + (wallHeight * 0.15f), panel.Right, panel.Top + (wallHeight * 0.55f));
        canvas.Save();
        canvas.ClipRect(band);
        Sky(canvas, band, 0.5f);
        Buildings(canvas, band, band.Bottom, 0.4f, 0.5f);
        canvas.Restore();
        using var pillar = Fill(Tone(new SKColor(0x8A, 0x8E, 0x96)));
        for (var x = panel.Left; x < panel.Right; x += panel.Width * 0.3f)
        {
            canvas.DrawRect(SKRect.Create(x, band.Top, panel.Width * 0.03f, band.Height), pillar);
        }

        using var rail = Ink(Line(panel, 120f));
        rail.Color = Tone(new SKColor(0xE0, 0xC0, 0x40));
        canvas.DrawLine(panel.Left, panel.Top + (wallHeight * 0.08f), panel.Right, panel.Top + (wallHeight * 0.08f), rail);
        var seat = panel.Width * 0.18f * Math.Min(scale, 1.3f);
        foreach (var share in new[] { 0.02f, 0.7f })
        {
            Box(canvas, SKRect.Create(panel.Left + (panel.Width * share), horizon - (wallHeight * 0.3f), seat, wallHeight * 0.3f), new SKColor(0x3A, 0x5A, 0x9A), panel);
        }
    }

    private void Table(SKCanvas canvas, SKRect panel, float horizon, float scale)
    {
        var width = panel.Width * 0.3f * Math.Min(scale, 1.3f);
        var top = horizon + ((panel.Bottom - horizon) * 0.05f);
        Box(canvas, SKRect.Create(panel.Left + (panel.Width * 0.06f), top - (width * 0.35f), width, width * 0.06f), new SKColor(0xA8, 0x7A, 0x4E), panel);
        Box(canvas, SKRect.Create(panel.Left + (panel.Width * 0.08f), top - (width * 0.29f), width * 0.05f, width * 0.3f), new SKColor(0x8A, 0x5C, 0x3A), panel);
        Box(canvas, SKRect.Create(panel.Left + (panel.Width * 0.06f) + (width * 0.9f), top - (width * 0.29f), width * 0.05f, width * 0.3f), new SKColor(0x8A, 0x5C, 0x3A), panel);
    }

    private void Sofa(SKCanvas canvas, SKRect panel, float horizon, float scale)
    {
        var width = panel.Width * 0.38f * Math.Min(scale, 1.2f);
        var left = panel.Right - width - (panel.Width * 0.04f);
        var seatTop = horizon - (width * 0.12f);
        Box(canvas, SKRect.Create(left, seatTop - (width * 0.2f), width, width * 0.22f), new SKColor(0x8A, 0x6E, 0xB0), panel);
        Box(canvas, SKRect.Create(left, seatTop, width, width * 0.16f), new SKColor(0x9E, 0x84, 0xC4), panel);
    }
}
