namespace Serverless.Studio.Storyboards;

/// <summary>
/// Lengthens or shortens shots to a total while respecting each shot's floor (its speech, or a
/// minimum for a picture to register) and ceiling (past which a still frame outstays its welcome).
/// </summary>
internal static class DurationFitting
{
    /// <summary>Shorter than this and a picture without speech is not seen.</summary>
    public const double SilentFloorSeconds = 1.5;

    public const double SilentCeilingSeconds = 12.0;

    /// <summary>How much longer than its speech a spoken shot may be held.</summary>
    public const double SpokenHeadroomSeconds = 10.0;

    public static IReadOnlyList<StoryboardShot> FitToTarget(IReadOnlyList<StoryboardShot> shots, double target)
    {
        var planned = shots.Select(s => Math.Max(s.Duration, 0.01)).ToArray();
        var floors = shots.Select(Floor).ToArray();
        var ceilings = shots.Select((s, i) => Math.Max(floors[i], s.IsSpoken ? s.SpeechSeconds + SpokenHeadroomSeconds : SilentCeilingSeconds)).ToArray();

        // The fitted total grows monotonically with a common scale factor: find it by bisection.
        double Total(double scale) => planned.Select((d, i) => Math.Clamp(d * scale, floors[i], ceilings[i])).Sum();
        double low = 0, high = planned.Select((d, i) => ceilings[i] / d).DefaultIfEmpty(1).Max();
        for (var step = 0; step < 100 && high - low > 1e-9; step++)
        {
            var middle = (low + high) / 2;
            (low, high) = Total(middle) < target ? (middle, high) : (low, middle);
        }

        return shots.Select((s, i) => s with { Duration = Round(Math.Clamp(planned[i] * high, floors[i], ceilings[i]), floors[i]) }).ToArray();
    }

    /// <summary>
    /// Raises every measured spoken shot to its speech plus breathing room, then takes the time this
    /// added back from shots with slack (never from a duration the owner set), so the video keeps its length where it can.
    /// </summary>
    public static IReadOnlyList<StoryboardShot> FitToSpeech(IReadOnlyList<StoryboardShot> shots, IReadOnlyDictionary<string, double> speechSecondsByShotId, double breathingRoomSeconds)
    {
        var breathing = double.IsFinite(breathingRoomSeconds) ? Math.Max(0, breathingRoomSeconds) : 0;
        var floors = new double[shots.Count];
        var lengthened = new double[shots.Count];
        for (var i = 0; i < shots.Count; i++)
        {
            var shot = shots[i];
            if (speechSecondsByShotId.TryGetValue(shot.Id, out var speech) && double.IsFinite(speech) && speech >= 0)
            {
                floors[i] = Math.Ceiling((speech + breathing) * 100) / 100;
            }
            else
            {
                // Unmeasured shots are never lengthened, only possibly shortened toward their own floor.
                floors[i] = Math.Min(shot.Duration, Floor(shot));
            }

            if (shot.DurationEdited)
            {
                // The owner's length has no slack to give to other shots.
                floors[i] = Math.Max(floors[i], shot.Duration);
            }

            lengthened[i] = Math.Max(shot.Duration, floors[i]);
        }

        var originalTotal = shots.Sum(s => s.Duration);
        var slack = lengthened.Select((d, i) => d - floors[i]).Sum();
        var excess = lengthened.Sum() - originalTotal;
        var keep = excess <= 0 || slack <= 0 ? 1.0 : Math.Clamp((slack - excess) / slack, 0, 1);
        return shots.Select((s, i) => s with { Duration = Round(floors[i] + ((lengthened[i] - floors[i]) * keep), floors[i]) }).ToArray();
    }

    private static double Floor(StoryboardShot shot) => shot.IsSpoken ? Math.Max(shot.SpeechSeconds, 0) : SilentFloorSeconds;

    private static double Round(double seconds, double floor) => Math.Max(floor, Math.Round(seconds, 2, MidpointRounding.AwayFromZero));
}
