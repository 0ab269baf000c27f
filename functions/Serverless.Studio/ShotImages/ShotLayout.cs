using Serverless.Studio.Screenplays;
using Serverless.Studio.Storyboards;
using SkiaSharp;

namespace Serverless.Studio.ShotImages;

/// <summary>
/// The composition of a shot: where the horizon sits and where each character stands, by framing. A closeup is one
/// big face; over-the-shoulder puts the listener's back close to camera and the speaker facing us beyond; a long shot
/// shows small full figures in the scenery. Figures are listed far to near, the order they are drawn in.
/// </summary>
internal sealed record ShotLayout(SKRect Panel, float HorizonY, float SceneryScale, IReadOnlyList<FigurePlacement> Figures)
{
    public FigurePlacement? Speaker => Figures.FirstOrDefault(f => f.Speaking);

    public static ShotLayout Plan(ShotImageRequest request, SKRect panel, FrameStyle style)
    {
        // Only dialogue has a speaker in the picture; a narrator or the subject of an action line does not talk.
        // A speaker heard off-screen (O.S., V.O., 画外音) is not in the picture at all.
        var speaker = request.LineType == ScriptLineType.Dialogue && !request.OffScreen && !string.IsNullOrWhiteSpace(request.Speaker) ? request.Speaker.Trim() : null;
        var cast = Cast(request.Characters, speaker);
        var unit = Math.Min(panel.Width, panel.Height * 0.62f);
        var framing = request.Framing == ShotFraming.OverShoulder && cast.Count < 2 ? ShotFraming.Medium : request.Framing;

        var layout = framing switch
        {
            ShotFraming.Closeup => Closeup(),
            ShotFraming.OverShoulder => OverShoulder(),
            ShotFraming.Long => Long(),
            _ => Medium(),
        };

        // A close-up shows a face only; elsewhere bodies are proportioned by age.
        return framing == ShotFraming.Closeup ? layout : layout with { Figures = layout.Figures.Select(f => f.Aged(style.HeadsPerBody, fullLength: framing == ShotFraming.Long)).ToList() };

        bool Speaks(FigureLook look) => speaker is not null && look.Name == speaker;

        // The first few characters, always including the speaker.
        List<FigureLook> InFrame(int count)
        {
            var chosen = cast.Take(count).ToList();
            var talking = cast.FirstOrDefault(Speaks);
            if (talking is not null && !chosen.Contains(talking))
            {
                chosen[^1] = talking;
            }

            return chosen;
        }

        ShotLayout Closeup()
        {
            var subject = cast.FirstOrDefault(c => Speaks(c)) ?? cast.FirstOrDefault();
            var figures = subject is null
                ? []
                : new[] { new FigurePlacement(subject, panel.MidX, panel.Top + (panel.Height * 0.58f), unit * 0.25f, false, Speaks(subject), Gestures: false) };
            return new ShotLayout(panel, panel.Top + (panel.Height * 0.72f), 1.6f, figures);
        }

        ShotLayout Medium()
        {
            var inFrame = InFrame(3);
            var radius = unit * (inFrame.Count switch { 1 => 0.17f, 2 => 0.13f, _ => 0.105f });
            var figures = inFrame.Select((look, i) => new FigurePlacement(
                look,
                panel.Left + (panel.Width * (i + 0.5f) / inFrame.Count),
                panel.Top + (panel.Height * (0.6f + (0.015f * (i % 2)))),
                radius,
                false,
                Speaks(look))).ToList();
            return new ShotLayout(panel, panel.Top + (panel.Height * 0.66f), 1.25f, figures);
        }

        ShotLayout OverShoulder()
        {
            var far = cast.FirstOrDefault(c => Speaks(c)) ?? cast[1];
            var near = cast.First(c => c != far);
            var figures = new[]
            {
                new FigurePlacement(far, panel.Left + (panel.Width * 0.66f), panel.Top + (panel.Height * 0.5f), unit * 0.12f, false, Speaks(far)),
                new FigurePlacement(near, panel.Left + (panel.Width * 0.24f), panel.Bottom - (panel.Height * 0.2f), unit * 0.22f, true, Speaks(near)),
            };
            return new ShotLayout(panel, panel.Top + (panel.Height * 0.6f), 1.2f, figures);
        }

        ShotLayout Long()
        {
            var horizon = panel.Top + (panel.Height * 0.58f);
            var inFrame = InFrame(6);
            var height = Math.Min(panel.Height * 0.27f, panel.Width * 0.5f) * (inFrame.Count > 3 ? 0.85f : 1f);
            var radius = height / (2 * style.HeadsPerBody);
            var feet = horizon + ((panel.Bottom - horizon) * 0.38f);
            var figures = inFrame.Select((look, i) =>
            {
                var x = panel.Left + (panel.Width * (0.18f + (0.64f * (i + 0.5f) / inFrame.Count)));
                var depth = feet + ((i % 2) * radius * 0.8f);
                return new FigurePlacement(look, x, depth - height + radius, radius, false, Speaks(look));
            }).ToList();
            return new ShotLayout(panel, horizon, 1f, figures);
        }
    }

    /// <summary>Distinct characters in frame; a speaker not listed among them still appears (the script named them).</summary>
    private static List<FigureLook> Cast(IReadOnlyList<Character> characters, string? speaker)
    {
        var looks = (characters ?? [])
            .Where(c => c is not null && !string.IsNullOrWhiteSpace(c.Name))
            .DistinctBy(c => c.Name.Trim())
            .Select(FigureLook.Of)
            .ToList();
        if (!string.IsNullOrWhiteSpace(speaker) && looks.All(l => l.Name != speaker.Trim()))
        {
            looks.Insert(0, FigureLook.Of(new Character(speaker.Trim(), [])));
        }

        return looks;
    }
}
