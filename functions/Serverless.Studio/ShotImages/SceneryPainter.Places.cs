using SkiaSharp;

namespace Serverless.Studio.ShotImages;

/// <summary>Public places: a platform with tracks and a sign, market stalls under awnings, dense woods, a building's front.</summary>
internal sealed partial class SceneryPainter
{
    private void Platform(SKCanvas canvas, SKRect panel, float horizon, float scale, bool canopy)
    {
        // The platform is the near half of the floor; the tracks run across below its yellow edge, a train waits on
        // them, and a station sign hangs above (under a canopy outdoors).
        var depth = panel.Bottom - horizon;
        var edge = horizon + (depth * 0.35f);
        using var trackBed = Fill(Tone(new SKColor(0x5A, 0x50, 0x48)));
        canvas.DrawRect(new SKRect(panel.Left, horizon, panel.Right, edge), trackBed);
        using var rail = Ink(Line(panel, 160f));
        rail.Color = Tone(new SKColor(0xB8, 0xBC, 0xC4));
        canvas.DrawLine(panel.Left, horizon + (depth * 0.12f), panel.Right, horizon + (depth * 0.12f), rail);
        canvas.DrawLine(panel.Left, horizon + (depth * 0.26f), panel.Right, horizon + (depth * 0.26f), rail);
        var train = new SKRect(panel.Left + (panel.Width * 0.45f), horizon - ((horizon - panel.Top) * 0.4f), panel.Right + (panel.Width * 0.05f), horizon + (depth * 0.2f));
        Box(canvas, train, new SKColor(0xC8, 0xD4, 0xE0), panel);
        Box(canvas, new SKRect(train.Left, train.Top + (train.Height * 0.62f), train.Right, train.Top + (train.Height * 0.72f)), new SKColor(0x2A, 0x70, 0xC8), panel);
        using var glass = Fill(palette.LitWindows ? Tone(new SKColor(0xFF, 0xE8, 0xA0)) : Tone(new SKColor(0x7A, 0x9C, 0xB8)));
        for (var x = train.Left + (train.Width * 0.05f); x < train.Right - (train.Width * 0.1f); x += train.Width * 0.2f)
        {
            canvas.DrawRect(SKRect.Create(x, train.Top + (train.Height * 0.15f), train.Width * 0.12f, train.Height * 0.35f), glass);
        }

        Box(canvas, new SKRect(panel.Left, edge, panel.Right, panel.Bottom), new SKColor(0xB4, 0xB0, 0xA8), panel);
        using var stripe = Fill(Tone(new SKColor(0xF2, 0xC8, 0x20)));
        canvas.DrawRect(new SKRect(panel.Left, edge, panel.Right, edge + (depth * 0.04f)), stripe);
        if (canopy)
        {
            Box(canvas, new SKRect(panel.Left, panel.Top, panel.Right, panel.Top + ((horizon - panel.Top) * 0.12f)), new SKColor(0x6A, 0x70, 0x7A), panel);
        }

        var sign = SKRect.Create(panel.Left + (panel.Width * 0.08f), panel.Top + ((horizon - panel.Top) * 0.2f), panel.Width * 0.32f * Math.Min(scale, 1.3f), (horizon - panel.Top) * 0.1f);
        Box(canvas, sign, new SKColor(0x1E, 0x3A, 0x7A), panel);
        using var letters = Fill(new SKColor(0xF4, 0xF4, 0xF4));
        canvas.DrawRect(SKRect.Inflate(sign, -sign.Width * 0.15f, -sign.Height * 0.38f), letters);
    }

    private void Stalls(SKCanvas canvas, SKRect panel, float horizon, float scale)
    {
        // A row of stalls: striped awnings on poles over tables of produce.
        var colors = new[] { new SKColor(0xD8, 0x3A, 0x3A), new SKColor(0x2A, 0x8A, 0x5A), new SKColor(0x2E, 0x6A, 0xC0) };
        var produce = new[] { new SKColor(0xF0, 0x8A, 0x20), new SKColor(0x8A, 0xC0, 0x3A), new SKColor(0xE0, 0x3A, 0x4A) };
        var width = panel.Width * 0.3f * Math.Min(scale, 1.3f);
        var skyHeight = horizon - panel.Top;
        var i = 0;
        for (var x = panel.Left - (width * 0.2f); x < panel.Right; x += width * 1.05f, i++)
        {
            var awning = SKRect.Create(x, horizon - (skyHeight * 0.45f), width, skyHeight * 0.1f);
            Box(canvas, awning, colors[i % colors.Length], panel);
            using var white = Fill(Tone(new SKColor(0xF6, 0xF2, 0xE8)));
            for (var s = awning.Left + (width * 0.1f); s < awning.Right; s += width * 0.2f)
            {
                canvas.DrawRect(SKRect.Create(s, awning.Top, width * 0.1f, awning.Height), white);
            }

            using var pole = Ink(Line(panel, 180f));
            canvas.DrawLine(awning.Left + (width * 0.04f), awning.Bottom, awning.Left + (width * 0.04f), horizon, pole);
            canvas.DrawLine(awning.Right - (width * 0.04f), awning.Bottom, awning.Right - (width * 0.04f), horizon, pole);
            var table = SKRect.Create(x, horizon - (skyHeight * 0.12f), width, skyHeight * 0.12f);
            Box(canvas, table, new SKColor(0x9A, 0x6E, 0x44), panel);
            var radius = width * 0.05f;
            for (var f = 0; f < 6; f++)
            {
                using var fruit = Fill(Tone(produce[(i + f) % produce.Length]));
                canvas.DrawCircle(table.Left + (width * (0.12f + (0.15f * f))), table.Top - (radius * 0.6f), radius, fruit);
            }
        }
    }

    private void Woods(SKCanvas canvas, SKRect panel, float horizon, float scale)
    {
        // Many dark trunks under a canopy that covers most of the sky: a forest, not a park's two trees.
        using var canopy = Fill(Tone(new SKColor(0x2E, 0x5E, 0x34)));
        using var canopyLight = Fill(Tone(new SKColor(0x3E, 0x78, 0x40)));
        var radius = panel.Width * 0.1f * scale;
        for (var x = panel.Left; x < panel.Right + radius; x += radius * 0.9f)
        {
            canvas.DrawCircle(x, panel.Top + ((horizon - panel.Top) * (0.15f + (random.NextSingle() * 0.25f))), radius * 1.3f, canopy);
            canvas.DrawCircle(x + (radius * 0.3f), panel.Top + ((horizon - panel.Top) * (0.3f + (random.NextSingle() * 0.2f))), radius, canopyLight);
        }

        using var trunk = Fill(Tone(new SKColor(0x5A, 0x3E, 0x28)));
        using var outline = Ink(Line(panel, 260f));
        for (var i = 0; i < 7; i++)
        {
            var x = panel.Left + (panel.Width * ((i + 0.3f + (random.NextSingle() * 0.4f)) / 7f));
            var width = panel.Width * (0.025f + (random.NextSingle() * 0.02f)) * Math.Min(scale, 1.4f);
            var bottom = horizon + ((panel.Bottom - horizon) * (0.05f + (random.NextSingle() * 0.2f)));
            var rect = new SKRect(x - width, panel.Top + ((horizon - panel.Top) * 0.3f), x + width, bottom);
            canvas.DrawRect(rect, trunk);
            canvas.DrawRect(rect, outline);
        }
    }

    private void Facade(SKCanvas canvas, SceneryKind kind, SKRect panel, float horizon, float scale)
    {
        // The front of the building the scene is named after, with a door and a sign of its own colour.
        var skyHeight = horizon - panel.Top;
        var front = new SKRect(panel.Left + (panel.Width * 0.1f), horizon - (skyHeight * 0.6f), panel.Right - (panel.Width * 0.1f), horizon);
        Box(canvas, front, kind == SceneryKind.Hospital ? new SKColor(0xEE, 0xF0, 0xF0) : new SKColor(0xD8, 0xC8, 0xB0), panel);
        var sign = kind switch
        {
            SceneryKind.Hospital => new SKColor(0xD8, 0x2A, 0x2A),
            SceneryKind.Cafe => new SKColor(0x6B, 0x44, 0x2A),
            SceneryKind.Shop => new SKColor(0x2A, 0x8A, 0x5A),
            SceneryKind.SchoolHall or SceneryKind.Classroom => new SKColor(0x2E, 0x5A, 0x9A),
            _ => new SKColor(0x8A, 0x6E, 0xB0),
        };
        Box(canvas, SKRect.Create(front.Left + (front.Width * 0.2f), front.Top + (front.Height * 0.08f), front.Width * 0.6f, front.Height * 0.12f), sign, panel);
        var doorWidth = front.Width * 0.22f * Math.Min(scale, 1.2f);
        Box(canvas, SKRect.Create(front.MidX - (doorWidth / 2), front.Bottom - (front.Height * 0.45f), doorWidth, front.Height * 0.45f), new SKColor(0x5A, 0x6A, 0x7A), panel);
        using var glass = Fill(palette.LitWindows ? Tone(new SKColor(0xFF, 0xD8, 0x6A)) : Tone(new SKColor(0xB8, 0xD8, 0xEE)));
        foreach (var share in new[] { 0.08f, 0.72f })
        {
            canvas.DrawRect(SKRect.Create(front.Left + (front.Width * share), front.Top + (front.Height * 0.35f), front.Width * 0.2f, front.Height * 0.25f), glass);
        }
    }
}
