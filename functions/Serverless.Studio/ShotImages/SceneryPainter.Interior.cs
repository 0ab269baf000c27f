using SkiaSharp;

namespace Serverless.Studio.ShotImages;

/// <summary>
/// Rooms: wall, floor, a window onto the time of day (a dark stage and a subway platform have none), and the furniture
/// that says which room it is. Light through the window and the ambient tint keep a night interior darker than by day.
/// </summary>
internal sealed partial class SceneryPainter
{
    private void Interior(SKCanvas canvas, SceneryKind kind, SKRect panel, float horizon, float scale)
    {
        var wallColor = kind switch
        {
            SceneryKind.Classroom => new SKColor(0xEE, 0xE6, 0xD2),
            SceneryKind.Cafe => new SKColor(0xD9, 0xB8, 0x8F),
            SceneryKind.Office => new SKColor(0xDD, 0xE3, 0xE8),
            SceneryKind.Hospital => new SKColor(0xCF, 0xE6, 0xDC),
            SceneryKind.Kitchen => new SKColor(0xF2, 0xEE, 0xE2),
            SceneryKind.Bedroom => new SKColor(0xD8, 0xCC, 0xE8),
            SceneryKind.Station => new SKColor(0xC8, 0xD0, 0xD4),
            SceneryKind.SchoolHall => new SKColor(0xE4, 0xD8, 0xB8),
            SceneryKind.Shop or SceneryKind.Market => new SKColor(0xF4, 0xE8, 0xCC),
            SceneryKind.Stage => new SKColor(0x2A, 0x22, 0x2C),
            SceneryKind.Vehicle => new SKColor(0xB8, 0xBC, 0xC4),
            SceneryKind.Interior => new SKColor(0xE2, 0xDE, 0xD6),
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

        var wallHeight = horizon - panel.Top;
        if (kind is SceneryKind.Station or SceneryKind.Stage or SceneryKind.Vehicle)
        {
            // No window on the wall: these draw their own openings (a train's windows, none on a stage or a platform).
            Floor(canvas, kind, panel, horizon);
            RoomProps(canvas, kind, panel, horizon, wallHeight, scale);
            return;
        }

        // A window onto the time of day, so interiors still read as morning, dusk or night.
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

        Floor(canvas, kind, panel, horizon);
        RoomProps(canvas, kind, panel, horizon, wallHeight, scale);
    }

    private void Floor(SKCanvas canvas, SceneryKind kind, SKRect panel, float horizon)
    {
        var (near, far) = kind switch
        {
            SceneryKind.Hospital or SceneryKind.Kitchen or SceneryKind.Station => (new SKColor(0xD8, 0xD8, 0xD2), new SKColor(0xA8, 0xAA, 0xA6)),
            SceneryKind.Vehicle => (new SKColor(0x6A, 0x6E, 0x76), new SKColor(0x48, 0x4C, 0x54)),
            SceneryKind.Stage => (new SKColor(0xA0, 0x6A, 0x3A), new SKColor(0x6A, 0x42, 0x24)),
            _ => (new SKColor(0xC0, 0x8A, 0x5A), new SKColor(0x8A, 0x5C, 0x3A)),
        };
        using var floor = new SKPaint
        {
            Shader = SKShader.CreateLinearGradient(new SKPoint(0, horizon), new SKPoint(0, panel.Bottom), [Tone(near), Tone(far)], SKShaderTileMode.Clamp),
        };
        canvas.DrawRect(new SKRect(panel.Left, horizon, panel.Right, panel.Bottom), floor);
        using var plank = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = Tone(FrameStyle.Mix(far, SKColors.Black, 0.25f).WithAlpha(0x90)), StrokeWidth = Math.Max(1f, panel.Width * 0.002f) };
        for (var i = -10; i <= 10; i++)
        {
            canvas.DrawLine(panel.MidX + (i * panel.Width * 0.03f), horizon, panel.MidX + (i * panel.Width * 0.2f), panel.Bottom, plank);
        }

        using var outline = Ink(Math.Min(panel.Width, panel.Height) / 260f);
        canvas.DrawLine(panel.Left, horizon, panel.Right, horizon, outline);
    }

    private void RoomProps(SKCanvas canvas, SceneryKind kind, SKRect panel, float horizon, float wallHeight, float scale)
    {
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

            case SceneryKind.Hospital:
                HospitalWard(canvas, panel, horizon, wallHeight, scale);
                break;
            case SceneryKind.Kitchen:
                KitchenCounter(canvas, panel, horizon, wallHeight, scale);
                break;
            case SceneryKind.Bedroom:
                Bed(canvas, panel, horizon, wallHeight, scale);
                break;
            case SceneryKind.Station:
                Platform(canvas, panel, horizon, scale, canopy: false);
                break;
            case SceneryKind.Shop:
                Shelves(canvas, panel, horizon, wallHeight, scale);
                break;
            case SceneryKind.Market:
                Stalls(canvas, panel, horizon, scale);
                break;
            case SceneryKind.SchoolHall:
                HallChairs(canvas, panel, horizon, wallHeight, scale);
                break;
            case SceneryKind.Stage:
                StageCurtains(canvas, panel, horizon, wallHeight);
                break;
            case SceneryKind.Vehicle:
                VehicleCabin(canvas, panel, horizon, wallHeight, scale);
                break;
            case SceneryKind.Interior:
                Table(canvas, panel, horizon, scale);
                break;
            default:
                {
                    // Home: a framed picture, a plant and a sofa.
                    Sofa(canvas, panel, horizon, scale);
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
