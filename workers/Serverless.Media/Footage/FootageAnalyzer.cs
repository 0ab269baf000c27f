using System.Globalization;
using System.Text.RegularExpressions;
using FFMpegCore.Exceptions;
using Serverless.Captions;
using Serverless.Media.Probing;
using Serverless.Media.Quality;
using Serverless.Media.Speech;

namespace Serverless.Media.Footage;

/// <summary>
/// Measures an uploaded footage for highlight picking, in two passes over the file that run side by side: the sound
/// (16 kHz mono speech track with EBU R128 momentary loudness on the way, then Silero VAD and, for English,
/// pocketsphinx on the speech only) and the pictures (one decode feeding scene-change detection, frame-difference
/// motion on 160x90 grey frames at 10 fps, and the 540 px proxy at 15 fps), the thumbnails beside them. A file that is not a video, has no sound or breaks
/// the plan's limits is refused with <see cref="FootageRefusedException"/> before any decoding.
/// </summary>
public sealed partial class FootageAnalyzer(MediaOptions options, MediaProbe probe, PocketsphinxRecognizer recognizer)
{
    public const string AudioFile = "audio.wav";
    public const string ProxyFile = "proxy.mp4";
    public const int ThumbnailCount = 4;
    public const int ProxyShortSide = 540;

    /// <summary>Enough for scrubbing and picking spans; the proxy's encode was two thirds of the analysis's picture work at full rate.</summary>
    public const int ProxyFramesPerSecond = 15;

    /// <summary>scdet's score (0-100) above which a frame starts a new scene; hard cuts score 30 and more.</summary>
    public const double SceneThreshold = 12;

    /// <summary>What EBU R128 calls silence; quieter readings are floored here.</summary>
    public const double SilenceLufs = -70;

    private static readonly MotionFrames Motion = new(160, 90, 10);

    public async Task<FootageReport> AnalyzeAsync(
        FootageSource source, SileroVad vad, string work, CancellationToken cancellationToken, AnalysisStepMeter? meter = null)
    {
        meter ??= AnalysisStepMeter.None;
        var info = await CheckAsync(source, cancellationToken);
        Directory.CreateDirectory(work);
        var duration = info.Duration.TotalSeconds;
        var seconds = (int)Math.Ceiling(duration);
        var sound = SoundAsync(source, vad, seconds, work, meter, cancellationToken);
        if (meter.OneByOne)
        {
            await sound;
        }

        var pictures = PicturesAsync(source.Path, info, seconds, work, meter, cancellationToken);
        if (meter.OneByOne)
        {
            await pictures;
        }

        // Keyframe seeks, cheap enough to run beside the two passes rather than after them.
        var thumbnails = meter.MeasureAsync(AnalysisSteps.Thumbnails, () => ThumbnailsAsync(source.Path, duration, work, cancellationToken));
        await Task.WhenAll(sound, pictures, thumbnails);
        var (language, speech, words, note, loudness, energy) = await sound;
        var (scenes, motion) = await pictures;
        return new FootageReport
        {
            DurationSeconds = Math.Round(duration, 3),
            Width = info.Width,
            Height = info.Height,
            Language = language,
            Recognizer = words is null ? null : "pocketsphinx",
            Words = words ?? [],
            TranscriptNote = note,
            Speech = speech,
            SceneChanges = scenes,
            LoudnessPerSecond = loudness,
            SpeechEnergyPerSecond = energy,
            MotionPerSecond = motion,
            AudioPath = Path.Combine(work, AudioFile),
            ProxyPath = Path.Combine(work, ProxyFile),
            ThumbnailPaths = await thumbnails,
        };
    }

    /// <summary>Size first (no decoding), then what ffprobe finds; each refusal names what was found against the limit.</summary>
    private async Task<MediaInfo> CheckAsync(FootageSource source, CancellationToken cancellationToken)
    {
        var size = new FileInfo(source.Path).Length;
        if (size > source.MaxSizeBytes)
        {
            throw new FootageRefusedException(FootageProblem.TooLarge,
                $"The file is {Megabytes(size)} MB; the plan allows at most {Megabytes(source.MaxSizeBytes)} MB.");
        }

        MediaInfo info;
        try
        {
            info = await probe.AnalyseAsync(source.Path, cancellationToken);
        }
        catch (Exception exception) when (exception is FFMpegException or System.Text.Json.JsonException or FormatException)
        {
            throw new FootageRefusedException(FootageProblem.NotVideo, "The file is not a video: no media could be read from it.");
        }

        // A still image probes as one picture with no duration.
        if (info.VideoCodec is null || info.Width <= 0 || info.Height <= 0 || info.Duration.TotalSeconds < 0.5)
        {
            throw new FootageRefusedException(FootageProblem.NotVideo, "The file is not a video: it holds no moving picture.");
        }

        if (info.AudioCodec is null)
        {
            throw new FootageRefusedException(FootageProblem.NoAudio, "The video has no sound track: highlights are found from what is said.");
        }

        if (info.Duration.TotalSeconds > source.MaxDurationSeconds)
        {
            throw new FootageRefusedException(FootageProblem.TooLong,
                FormattableString.Invariant($"The video lasts {info.Duration.TotalSeconds:0} s; the plan allows at most {source.MaxDurationSeconds:0} s."));
        }

        return info;
    }

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.#", CultureInfo.InvariantCulture);

    private async Task<(string Language, IReadOnlyList<SpeechSegment> Speech, IReadOnlyList<CueWord>? Words, string? Note, double[] Loudness, double[] Energy)> SoundAsync(
        FootageSource source, SileroVad vad, int seconds, string work, AnalysisStepMeter meter, CancellationToken cancellationToken)
    {
        var (log, samples) = await meter.MeasureAsync(AnalysisSteps.Audio, async () =>
        {
            var (_, log) = await FfmpegProcess.RunAsync(options, "ffmpeg",
                ["-hide_banner", "-nostats", "-y", "-i", source.Path, "-map", "0:a:0", "-vn",
                 "-af", $"ebur128=framelog=info,aresample={PcmReader.SampleRate}", "-ac", "1", "-c:a", "pcm_s16le", AudioFile],
                work, cancellationToken);
            return (log, await SileroVad.ReadAudioAsync(Path.Combine(work, AudioFile), options, cancellationToken));
        });
        var speech = await meter.MeasureAsync(AnalysisSteps.Vad, () => vad.DetectAsync(samples, new VadSettings(), cancellationToken));
        var (loudness, energy) = await meter.MeasureAsync(AnalysisSteps.Curves, () => Task.FromResult((Loudness(log, seconds), SpeechEnergy(samples, speech, seconds))));

        var language = string.IsNullOrWhiteSpace(source.Language) ? "en" : source.Language.Trim().ToLowerInvariant();
        if (language == "en" || language.StartsWith("en-", StringComparison.Ordinal))
        {
            var words = await meter.MeasureAsync(AnalysisSteps.Transcript, () => recognizer.RecognizeAsync(samples, speech, work, cancellationToken));
            return (language, speech, words, null, loudness, energy);
        }

        var name = language.StartsWith("zh", StringComparison.Ordinal) || language.StartsWith("cmn", StringComparison.Ordinal) ? "Mandarin" : language;
        return (language, speech, null, $"no offline recognizer for {name}: speech regions without words", loudness, energy);
    }

    /// <summary>The loudest momentary reading (400 ms windows, every 100 ms) within each second.</summary>
    private static double[] Loudness(string log, int seconds)
    {
        var curve = Enumerable.Repeat(SilenceLufs, seconds).ToArray();
        foreach (Match match in MomentaryLine().Matches(log))
        {
            var at = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            // The reading at t covers the 400 ms before it.
            var second = Math.Clamp((int)Math.Floor(Math.Max(0, at - 0.2)), 0, seconds - 1);
            if (double.TryParse(match.Groups[2].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var lufs) && double.IsFinite(lufs))
            {
                curve[second] = Math.Round(Math.Max(curve[second], Math.Max(SilenceLufs, lufs)), 1);
            }
        }

        return curve;
    }

    /// <summary>Each second's share of detected speech, weighted by its RMS level against the loudest second's.</summary>
    private static double[] SpeechEnergy(float[] samples, IReadOnlyList<SpeechSegment> speech, int seconds)
    {
        var rms = new double[seconds];
        for (var s = 0; s < seconds; s++)
        {
            var from = s * PcmReader.SampleRate;
            var to = Math.Min(samples.Length, from + PcmReader.SampleRate);
            double sum = 0;
            for (var i = from; i < to; i++)
            {
                sum += samples[i] * samples[i];
            }

            rms[s] = to > from ? Math.Sqrt(sum / (to - from)) : 0;
        }

        var loudest = rms.DefaultIfEmpty(0).Max();
        var energy = new double[seconds];
        for (var s = 0; s < seconds; s++)
        {
            var covered = speech.Sum(p => Math.Max(0, Math.Min(p.End, s + 1) - Math.Max(p.Start, s)));
            energy[s] = loudest > 0 ? Math.Round(Math.Min(1, covered) * rms[s] / loudest, 4) : 0;
        }

        return energy;
    }

    /// <summary>
    /// One decode: scene changes from scdet, motion frames to a raw file, and the proxy encoded from the same frames.
    /// The decode is most of the CPU, so it is made cheaper for what only analyses or shrinks the picture: one decoder
    /// thread (frame threads cost a quarter more CPU for the same frames, and the sound pass has the other core) and no
    /// deblocking (a fifth of H.264 decoding; its softening is lost in a 160x90 or 540 px picture). An AAC sound track,
    /// what phones and cameras record, is copied into the proxy instead of encoded again.
    /// </summary>
    private async Task<(IReadOnlyList<double> Scenes, double[] Motion)> PicturesAsync(
        string source, MediaInfo info, int seconds, string work, AnalysisStepMeter meter, CancellationToken cancellationToken)
    {
        const string raw = "motion.gray";
        var proxy = info.Width >= info.Height ? $"scale=-2:{ProxyShortSide}" : $"scale={ProxyShortSide}:-2";
        var graph = FormattableString.Invariant(
            $"[0:v]split=2[a][p];[a]{Motion.Filter},scdet=threshold={SceneThreshold}[m];[p]fps={ProxyFramesPerSecond},{proxy}:flags=fast_bilinear,format=yuv420p[v]");
        string[] sound = string.Equals(info.AudioCodec, "aac", StringComparison.OrdinalIgnoreCase) ? ["-c:a", "copy"] : ["-c:a", "aac", "-b:a", "64k"];
        var (_, log) = await meter.MeasureAsync(AnalysisSteps.Pictures, () => FfmpegProcess.RunAsync(options, "ffmpeg",
            ["-hide_banner", "-nostats", "-y", "-threads", "1", "-skip_loop_filter", "all", "-i", source, "-filter_complex", graph,
             "-map", "[m]", "-f", "rawvideo", raw,
             "-map", "[v]", "-map", "0:a:0", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "30", .. sound,
             "-movflags", "+faststart", ProxyFile],
            work, cancellationToken));
        var scenes = SceneLine().Matches(log)
            .Select(m => Math.Round(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), 3))
            .ToList();

        var motion = await meter.MeasureAsync(AnalysisSteps.Curves, () => Task.FromResult(MotionCurve(Path.Combine(work, raw), seconds)));
        File.Delete(Path.Combine(work, raw));
        return (scenes, motion);
    }

    /// <summary>Each second's mean frame difference.</summary>
    private static double[] MotionCurve(string rawFile, int seconds)
    {
        var sums = new double[seconds];
        var counts = new int[seconds];
        foreach (var (time, mean, _) in Motion.Differences(rawFile))
        {
            var second = Math.Min(seconds - 1, (int)Math.Floor(time));
            sums[second] += mean;
            counts[second]++;
        }

        return sums.Select((s, i) => counts[i] > 0 ? Math.Round(s / counts[i], 4) : 0).ToArray();
    }

    /// <summary>Evenly spread stills for the studio, each found by a keyframe seek (no decoding of the whole file).</summary>
    private async Task<IReadOnlyList<string>> ThumbnailsAsync(string source, double duration, string work, CancellationToken cancellationToken)
    {
        var thumbnails = new List<string>();
        for (var i = 0; i < ThumbnailCount; i++)
        {
            var name = $"thumb-{i:D2}.jpg";
            var at = duration * (i + 0.5) / ThumbnailCount; // FootagePreviews.At tells the studio these times
            await FfmpegProcess.RunAsync(options, "ffmpeg",
                ["-hide_banner", "-nostats", "-y", "-ss", at.ToString("0.###", CultureInfo.InvariantCulture), "-i", source,
                 "-frames:v", "1", "-vf", "scale=-2:360", "-q:v", "4", name],
                work, cancellationToken);
            thumbnails.Add(Path.Combine(work, name));
        }

        return thumbnails;
    }

    [GeneratedRegex(@"t:\s*([\d.]+)\s+TARGET:\S+ LUFS\s+M:\s*(-?[\d.]+|-?inf)")]
    private static partial Regex MomentaryLine();

    [GeneratedRegex(@"lavfi\.scd\.time:\s*([\d.]+)")]
    private static partial Regex SceneLine();
}
