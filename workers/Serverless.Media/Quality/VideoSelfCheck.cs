using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Serverless.Media.Rendering;
using Serverless.Media.Timeline;

namespace Serverless.Media.Quality;

/// <summary>One check of a finished video: the figure measured, whether it is acceptable, and whether it was fixed.</summary>
public sealed record SelfCheck(double? Value, bool Passed, string? Detail = null, bool Fixed = false);

/// <summary>Every check of a finished video by name (<see cref="SelfCheckNames"/>).</summary>
public sealed record SelfCheckReport(IReadOnlyDictionary<string, SelfCheck> Checks)
{
    public bool Passed => Checks.Values.All(c => c.Passed);

    /// <summary>The failed checks in words, for the render's error.</summary>
    public string Failures => string.Join("; ", Checks.Where(c => !c.Value.Passed).Select(c => $"{c.Key}: {c.Value.Detail}"));
}

/// <summary>The checks' names, as the app shows them (<c>qc</c> on the task).</summary>
public static class SelfCheckNames
{
    public const string Duration = "duration";
    public const string AvOffset = "av_offset";
    public const string BlackFrames = "black_frames";
    public const string FrozenFrames = "frozen_frames";
    public const string Loudness = "loudness";
    public const string TruePeak = "true_peak";
    public const string Clipping = "clipping";
    public const string SubtitlesInSafeArea = "subtitles_in_safe_area";
}

/// <summary>
/// Checks a rendered video before it is delivered: one ffprobe of the streams, then one ffmpeg pass over the file with
/// <c>blackdetect</c> and <c>freezedetect</c> on the pictures and <c>ebur128</c> on the sound. Durations are checked
/// against the plan within a frame, the streams' starts and ends against each other, black or frozen stretches against
/// what the storyboard asked for (a still shot may stand still), loudness against the target, and the subtitles' layout
/// against the safe area. A loudness or peak miss is fixed once from the levelled mix (the pictures are copied, not
/// encoded again) and reported as fixed; any other miss fails the render.
/// </summary>
public sealed partial class VideoSelfCheck(MediaOptions options)
{
    /// <summary>Black shorter than this is a blink, not a hole in the video.</summary>
    public const double BlackSeconds = 0.5;

    /// <summary>A picture unchanged this long, outside a still shot, is a stall.</summary>
    public const double FrozenSeconds = 2;

    /// <summary>At or over this sample peak the sound has clipped.</summary>
    public const double ClippedDbfs = -0.1;

    public async Task<SelfCheckReport> CheckAsync(RenderRequest request, RenderResult result, CancellationToken cancellationToken)
    {
        var output = request.Output;
        var timeline = RenderTimeline.Plan(request.Shots, output.FramesPerSecond);
        var frame = 1.0 / output.FramesPerSecond;
        var streams = await ProbeAsync(result.VideoPath, cancellationToken);
        var scan = await ScanAsync(result.VideoPath, streams.Audio is not null, request.WorkDirectory, cancellationToken);
        var checks = new Dictionary<string, SelfCheck>();

        var video = streams.Video ?? throw new RenderFailedException("The rendered file has no video stream.");
        var planned = timeline.DurationSeconds;
        checks[SelfCheckNames.Duration] = new SelfCheck(
            Math.Round(video.Duration, 3), Math.Abs(video.Duration - planned) <= frame + 0.001,
            $"{video.Duration:0.###} s of video against {planned:0.###} s planned");

        // The sound must start with the pictures and end with them (AAC ends on a whole frame of 1024 samples).
        var startOffset = streams.Audio is { } audio ? audio.Start - video.Start : 0;
        var endOffset = streams.Audio is { } track ? track.Start + track.Duration - (video.Start + video.Duration) : 0;
        var avTolerance = Math.Max(frame, 0.05);
        checks[SelfCheckNames.AvOffset] = new SelfCheck(
            Math.Round(startOffset, 3), Math.Abs(startOffset) <= frame + 0.001 && Math.Abs(endOffset) <= avTolerance,
            $"sound starts {startOffset * 1000:0} ms and ends {endOffset * 1000:0} ms from the pictures");

        var black = scan.Black.Sum(b => b.End - b.Start);
        checks[SelfCheckNames.BlackFrames] = new SelfCheck(
            Math.Round(black, 3), black == 0,
            black == 0 ? "no black stretch" : $"black from {string.Join(", ", scan.Black.Select(b => $"{b.Start:0.##}-{b.End:0.##} s"))}");

        var stills = timeline.Shots
            .Where(s => request.Shots[s.Index].Motion == CameraMotion.Still)
            .Select(s => (Start: timeline.Seconds(s.StartFrame), End: timeline.Seconds(s.StartFrame + s.ClipFrames)))
            .ToList();
        var frozen = scan.Frozen.Select(f => (f.Start, End: double.IsFinite(f.End) ? f.End : video.Duration)).ToList();
        var unasked = frozen.Sum(f => Math.Max(0, f.End - f.Start - stills.Sum(s => Overlap(f, s))));
        // A stall shorter than the detector's window inside an excused stretch is not a stall.
        var stalled = unasked >= FrozenSeconds / 2;
        checks[SelfCheckNames.FrozenFrames] = new SelfCheck(
            Math.Round(stalled ? unasked : 0, 3), !stalled,
            stalled ? $"frozen {string.Join(", ", frozen.Select(f => $"{f.Start:0.##}-{f.End:0.##} s"))} outside still shots" : "no frozen stretch outside still shots");

        AddSound(checks, scan.Loudness, output.Loudness, fixedNow: false);
        checks[SelfCheckNames.SubtitlesInSafeArea] = SubtitlesCheck(request);

        var report = new SelfCheckReport(checks);
        var soundMissed = new[] { SelfCheckNames.Loudness, SelfCheckNames.TruePeak, SelfCheckNames.Clipping }.Any(n => !checks[n].Passed);
        if (soundMissed && output.Loudness is { } target && result.Sound is { } sound && scan.Loudness is { IsSilent: false } heard)
        {
            var after = await FixSoundAsync(request, result, sound, heard, target, cancellationToken);
            AddSound(checks, after, target, fixedNow: true);
        }

        return report;
    }

    private static double Overlap((double Start, double End) a, (double Start, double End) b) =>
        Math.Max(0, Math.Min(a.End, b.End) - Math.Max(a.Start, b.Start));

    private static void AddSound(Dictionary<string, SelfCheck> checks, LoudnessMeasurement? measured, LoudnessTarget? target, bool fixedNow)
    {
        if (measured is null || measured.IsSilent)
        {
            checks[SelfCheckNames.Loudness] = new SelfCheck(measured?.IntegratedLufs, true, "silent: nothing to level");
            checks[SelfCheckNames.TruePeak] = new SelfCheck(Finite(measured?.TruePeakDb), true, "silent");
            checks[SelfCheckNames.Clipping] = new SelfCheck(Finite(measured?.SamplePeakDb), true, "silent");
            return;
        }

        var loud = target is null || Math.Abs(measured.IntegratedLufs - target.Lufs) <= LoudnessTarget.Tolerance;
        var peak = target is null || measured.TruePeakDb <= target.TruePeakDb;
        var clipped = measured.SamplePeakDb >= ClippedDbfs;
        Set(checks, SelfCheckNames.Loudness, new SelfCheck(measured.IntegratedLufs, loud,
            target is null ? $"{measured.IntegratedLufs:0.0} LUFS (no target)" : $"{measured.IntegratedLufs:0.0} LUFS against {target.Lufs:0.0} ± {LoudnessTarget.Tolerance} LU"), fixedNow);
        Set(checks, SelfCheckNames.TruePeak, new SelfCheck(Finite(measured.TruePeakDb), peak,
            target is null ? $"{measured.TruePeakDb:0.0} dBTP" : $"{measured.TruePeakDb:0.0} dBTP against a ceiling of {target.TruePeakDb:0.0}"), fixedNow);
        Set(checks, SelfCheckNames.Clipping, new SelfCheck(Finite(measured.SamplePeakDb), !clipped,
            $"sample peak {measured.SamplePeakDb:0.0} dBFS"), fixedNow);
    }

    /// <summary>After a fix, a check that had failed says so; one that had passed stays as measured now.</summary>
    private static void Set(Dictionary<string, SelfCheck> checks, string name, SelfCheck now, bool fixedNow)
    {
        var wasFailing = fixedNow && checks.TryGetValue(name, out var before) && !before.Passed;
        checks[name] = wasFailing ? now with { Fixed = true, Detail = $"{now.Detail} (fixed: {checks[name].Detail})" } : now;
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private SelfCheck SubtitlesCheck(RenderRequest request)
    {
        if (request.Subtitles.Count == 0)
        {
            return new SelfCheck(null, true, "no subtitles");
        }

        var output = request.Output;
        var layout = FfmpegVideoRenderer.SubtitleLayout(request, options.SubtitleFont);
        var (_, bottom, left, right) = SafeLayout.Insets(output.Width, output.Height, output.SafeArea);
        var slack = Math.Min(layout.MarginVertical - bottom, layout.MarginHorizontal - Math.Max(left, right));
        return new SelfCheck(slack, slack >= 0,
            $"lines {layout.MarginVertical} px above the bottom and {layout.MarginHorizontal} px in from the sides; the platform covers {bottom} px and {Math.Max(left, right)} px");
    }

    /// <summary>
    /// Levels the mix again with the gain corrected by what the encoded file measured (and a lower limit where its peak
    /// went over), encodes the sound alone and copies the pictures into a new file that replaces the video.
    /// </summary>
    private async Task<LoudnessMeasurement?> FixSoundAsync(
        RenderRequest request, RenderResult result, LeveledSound sound, LoudnessMeasurement heard, LoudnessTarget target, CancellationToken cancellationToken)
    {
        var mix = Path.Combine(Path.GetDirectoryName(sound.Path)!, SoundLeveler.MixFile);
        var gain = sound.GainDb + (target.Lufs - heard.IntegratedLufs);
        var ceiling = target.TruePeakDb - Math.Max(0, heard.TruePeakDb - target.TruePeakDb + 0.3);
        var fixedVideo = Path.Combine(Path.GetDirectoryName(result.VideoPath)!, "fixed-" + Path.GetFileName(result.VideoPath));
        var chain = SoundLeveler.Chain(gain, ceiling);
        var duration = Graph.FilterNumber.Format(RenderTimeline.Plan(request.Shots, request.Output.FramesPerSecond).DurationSeconds);
        await FfmpegProcess.RunAsync(options, "ffmpeg",
            ["-hide_banner", "-nostats", "-y", "-i", result.VideoPath, "-i", mix,
             "-filter_complex", $"[1:a]{chain},apad=whole_dur={duration},atrim=duration={duration}[a]",
             "-map", "0:v", "-map", "[a]", "-c:v", "copy", "-c:a", "aac", "-b:a", $"{request.Output.AudioBitrateKbps.ToString(CultureInfo.InvariantCulture)}k",
             "-ar", "48000", "-movflags", "+faststart", fixedVideo],
            request.WorkDirectory, cancellationToken);
        File.Move(fixedVideo, result.VideoPath, overwrite: true);
        var (_, log) = await FfmpegProcess.RunAsync(options, "ffmpeg",
            ["-hide_banner", "-nostats", "-i", result.VideoPath, "-vn", "-af", LoudnessMeasurement.Filter, "-f", "null", "-"],
            request.WorkDirectory, cancellationToken);
        return LoudnessMeasurement.Parse(log);
    }

    private sealed record StreamTimes(double Start, double Duration);

    private async Task<(StreamTimes? Video, StreamTimes? Audio)> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        var (json, _) = await FfmpegProcess.RunAsync(options, "ffprobe",
            ["-v", "error", "-show_entries", "stream=codec_type,start_time,duration", "-of", "json", path], null, cancellationToken);
        StreamTimes? video = null, audio = null;
        using var document = JsonDocument.Parse(json);
        foreach (var stream in document.RootElement.GetProperty("streams").EnumerateArray())
        {
            var times = new StreamTimes(Number(stream, "start_time"), Number(stream, "duration"));
            switch (stream.GetProperty("codec_type").GetString())
            {
                case "video" when video is null: video = times; break;
                case "audio" when audio is null: audio = times; break;
            }
        }

        return (video, audio);
    }

    private static double Number(JsonElement stream, string name) =>
        stream.TryGetProperty(name, out var value) && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number
            : 0;

    private sealed record Scan(
        IReadOnlyList<(double Start, double End)> Black, IReadOnlyList<(double Start, double End)> Frozen, LoudnessMeasurement? Loudness);

    /// <summary>One decode of the whole file: black and frozen pictures, and the sound's loudness and peaks.</summary>
    private async Task<Scan> ScanAsync(string path, bool hasAudio, string work, CancellationToken cancellationToken)
    {
        var black = FormattableString.Invariant($"blackdetect=d={BlackSeconds}:pix_th=0.10");
        var frozen = FormattableString.Invariant($"freezedetect=n=-60dB:d={FrozenSeconds}");
        var graph = $"[0:v]{black},{frozen}[v]" + (hasAudio ? $";[0:a]{LoudnessMeasurement.Filter}[a]" : "");
        var arguments = new List<string> { "-hide_banner", "-nostats", "-i", path, "-filter_complex", graph, "-map", "[v]" };
        if (hasAudio)
        {
            arguments.AddRange(["-map", "[a]"]);
        }

        arguments.AddRange(["-f", "null", "-"]);
        var (_, log) = await FfmpegProcess.RunAsync(options, "ffmpeg", arguments, work, cancellationToken);
        var blacks = BlackLine().Matches(log).Select(m => (Parse(m.Groups[1].Value), Parse(m.Groups[2].Value))).ToList();
        var starts = FreezeStart().Matches(log).Select(m => Parse(m.Groups[1].Value)).ToList();
        var ends = FreezeEnd().Matches(log).Select(m => Parse(m.Groups[1].Value)).ToList();
        var frozenStretches = starts.Select((s, i) => (s, i < ends.Count ? ends[i] : double.PositiveInfinity)).ToList();
        return new Scan(blacks, frozenStretches, hasAudio ? LoudnessMeasurement.Parse(log) : null);
    }

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"black_start:\s*([\d.]+)\s+black_end:\s*([\d.]+)")]
    private static partial Regex BlackLine();

    [GeneratedRegex(@"freeze_start:\s*([\d.]+)")]
    private static partial Regex FreezeStart();

    [GeneratedRegex(@"freeze_end:\s*([\d.]+)")]
    private static partial Regex FreezeEnd();
}
