using Serverless.Contracts.Rendering;
using Serverless.Media;
using Serverless.Media.Rendering;
using Serverless.Media.Subtitles;
using Media = Serverless.Media;

namespace Serverless.Worker.Jobs;

/// <summary>
/// A queued <see cref="RenderJob"/> (the app's vocabulary: blobs, preset names) as the renderer's
/// <see cref="RenderRequest"/> (local files, the media layer's own types), once the job's blobs are downloaded. The one
/// place the two vocabularies meet, so neither side needs the other's types.
/// </summary>
public static class RenderRequestMapping
{
    /// <summary>
    /// <paramref name="shots"/> and <paramref name="voices"/> are the local copies of the job's shot images and voice
    /// clips, in its order; <paramref name="music"/>, <paramref name="watermarkImage"/> and <paramref name="soundEffects"/>
    /// (one per <see cref="RenderJob.SoundEffects"/>) those of its other blobs.
    /// </summary>
    public static RenderRequest Request(
        RenderJob job, IReadOnlyList<string> shots, IReadOnlyList<string> voices, string work, string? music, string? watermarkImage,
        IReadOnlyList<string>? soundEffects = null)
    {
        if (shots.Count != job.Shots.Count || voices.Count != job.Voices.Count)
        {
            throw new ArgumentException("The request needs one local file per shot and per voice.", nameof(shots));
        }

        return new RenderRequest(
            Output(job.Output),
            job.Shots.Select((s, i) => Shot(s, shots[i])).ToList(),
            job.Voices.Select((v, k) => Voice(v, voices[k])).ToList(),
            work,
            Music: job.Music is { } bed && music is not null ? Bed(bed, music) : null,
            Watermark: Mark(job.Watermark, watermarkImage),
            SubtitleStyle: SubtitleStyle.For(job.Output.Width, job.Output.Height, Look(job.SubtitleStyle)),
            SoundEffects: Effects(job, soundEffects ?? []))
        {
            Subtitles = job.Subtitles.Select(Cue).ToList(),
        };
    }

    /// <summary>
    /// Refuses effects the renderer cannot place: too many, or a start, volume or length outside the video or the
    /// bounds of <see cref="RenderSoundEffect"/>. Checked before anything is downloaded.
    /// </summary>
    public static void CheckSoundEffects(RenderJob job)
    {
        if (job.SoundEffects.Count > RenderSoundEffect.MaxCount)
        {
            throw new InvalidRenderJobException($"The job has {job.SoundEffects.Count} sound effects; at most {RenderSoundEffect.MaxCount} are allowed.");
        }

        // The timeline rule: the video lasts the sum of its shots; transitions overlap inside it.
        var videoSeconds = job.Shots.Sum(s => s.Duration);
        for (var k = 0; k < job.SoundEffects.Count; k++)
        {
            var effect = job.SoundEffects[k];
            if (!double.IsFinite(effect.Start) || effect.Start < 0 || effect.Start >= videoSeconds)
            {
                throw new InvalidRenderJobException($"Sound effect {k} starts at {effect.Start} s, outside the video's {videoSeconds:F2} s.");
            }

            if (!double.IsFinite(effect.Volume) || effect.Volume < 0 || effect.Volume > RenderSoundEffect.MaxVolume)
            {
                throw new InvalidRenderJobException($"Sound effect {k} has volume {effect.Volume}; it must be between 0 and {RenderSoundEffect.MaxVolume}.");
            }

            if (effect.MaxDurationSeconds is { } max && (!double.IsFinite(max) || max <= 0 || max > RenderSoundEffect.MaxSeconds))
            {
                throw new InvalidRenderJobException($"Sound effect {k} may play {max} s; it must be above 0 and at most {RenderSoundEffect.MaxSeconds} s.");
            }
        }
    }

    public static VideoOutput Output(RenderOutput output) => new()
    {
        Width = output.Width,
        Height = output.Height,
        FramesPerSecond = output.FramesPerSecond,
        Preset = output.Preset,
        Crf = output.Crf,
        AudioBitrateKbps = output.AudioBitrateKbps,
        MaxRateKbps = output.MaxRateKbps,
        BufSizeKbits = output.BufSizeKbits,
        // Previews level in one pass; finals measure again and correct once.
        Loudness = new LoudnessTarget(output.LoudnessLufs, output.TruePeakDbtp, Exact: !output.Preview),
        SafeArea = output.SafeArea is { } safe ? new SafeMargins(safe.Top, safe.Bottom, safe.Left, safe.Right) : null,
    };

    /// <summary>The blob's name travels as the shot's source, so a refusal still names the blob the job gave.</summary>
    public static ShotClip Shot(RenderShot shot, string image) => new()
    {
        Image = image,
        Duration = shot.Duration,
        Motion = Motion(shot.Motion),
        TransitionIn = Transition(shot.TransitionIn),
        TransitionDuration = shot.TransitionDuration,
        Source = shot.Image.ToString(),
    };

    public static VoiceClip Voice(RenderVoice voice, string audio) =>
        new(audio, voice.Start, voice.Duration, voice.ClipOffset, voice.Audio.ToString());

    public static Media.Subtitles.SubtitleCue Cue(Contracts.Rendering.SubtitleCue cue) => new(cue.Start, cue.End, cue.Text, cue.Speaker, cue.Words);

    /// <summary>A name from <see cref="SubtitlePresets"/>; an unknown or missing one gets the classic look.</summary>
    public static SubtitleLook Look(string? preset) => preset switch
    {
        SubtitlePresets.Bold => SubtitleLook.Bold,
        SubtitlePresets.Minimal => SubtitleLook.Minimal,
        SubtitlePresets.Karaoke => SubtitleLook.Karaoke,
        _ => SubtitleLook.Classic,
    };

    public static MusicBed Bed(RenderMusic music, string path) => new(
        path,
        Math.Clamp(music.Volume, 0, RenderMusic.MaxVolume),
        Math.Clamp(music.FadeInSeconds, 0, RenderMusic.MaxFadeSeconds),
        Math.Clamp(music.FadeOutSeconds, 0, RenderMusic.MaxFadeSeconds),
        music.DuckUnderSpeech);

    public static Watermark? Mark(RenderWatermark? mark, string? imagePath)
    {
        if (mark is null || (string.IsNullOrWhiteSpace(mark.Text) && imagePath is null))
        {
            return null;
        }

        var text = string.IsNullOrWhiteSpace(mark.Text) ? null : mark.Text.Trim();
        if (text is { Length: > RenderWatermark.MaxTextLength })
        {
            throw new InvalidRenderJobException($"The watermark text is longer than {RenderWatermark.MaxTextLength} characters.");
        }

        var position = mark.Position switch
        {
            WatermarkCorner.TopLeft => WatermarkPosition.TopLeft,
            WatermarkCorner.BottomLeft => WatermarkPosition.BottomLeft,
            WatermarkCorner.BottomRight => WatermarkPosition.BottomRight,
            _ => WatermarkPosition.TopRight,
        };
        return new Watermark(text, imagePath, position, Math.Clamp(mark.Opacity, 0.05, 1));
    }

    private static IReadOnlyList<SoundEffectClip> Effects(RenderJob job, IReadOnlyList<string> paths)
    {
        CheckSoundEffects(job);
        if (paths.Count != job.SoundEffects.Count)
        {
            throw new ArgumentException("The request needs one local file per sound effect.", nameof(paths));
        }

        return job.SoundEffects.Select((e, k) => new SoundEffectClip(paths[k], e.Start, e.Volume, e.MaxDurationSeconds)).ToList();
    }

    // Each value is named, not cast: the two enums are separate vocabularies and may drift apart in order. A value
    // neither names passes through as is, so the renderer's own rule decides (no move; a transition it refuses).
    private static Media.Rendering.CameraMotion Motion(Contracts.Rendering.CameraMotion motion) => motion switch
    {
        Contracts.Rendering.CameraMotion.Still => Media.Rendering.CameraMotion.Still,
        Contracts.Rendering.CameraMotion.ZoomIn => Media.Rendering.CameraMotion.ZoomIn,
        Contracts.Rendering.CameraMotion.ZoomOut => Media.Rendering.CameraMotion.ZoomOut,
        Contracts.Rendering.CameraMotion.PanLeft => Media.Rendering.CameraMotion.PanLeft,
        Contracts.Rendering.CameraMotion.PanRight => Media.Rendering.CameraMotion.PanRight,
        _ => (Media.Rendering.CameraMotion)(int)motion,
    };

    private static Media.Rendering.TransitionKind Transition(Contracts.Rendering.TransitionKind kind) => kind switch
    {
        Contracts.Rendering.TransitionKind.Cut => Media.Rendering.TransitionKind.Cut,
        Contracts.Rendering.TransitionKind.Fade => Media.Rendering.TransitionKind.Fade,
        Contracts.Rendering.TransitionKind.Dissolve => Media.Rendering.TransitionKind.Dissolve,
        Contracts.Rendering.TransitionKind.Wipe => Media.Rendering.TransitionKind.Wipe,
        _ => (Media.Rendering.TransitionKind)(int)kind,
    };
}
