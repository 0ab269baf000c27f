namespace Serverless.Media.Subtitles;

/// <summary>The named looks of burned-in subtitles; <see cref="SubtitleStyle.For(int, int, SubtitleLook)"/> sizes each to the frame.</summary>
public enum SubtitleLook
{
    /// <summary>White text with a dark outline and the speaker's name.</summary>
    Classic,

    /// <summary>Larger text and a heavier outline, for busy pictures and small screens.</summary>
    Bold,

    /// <summary>Smaller text without the speaker's name.</summary>
    Minimal,

    /// <summary>The classic look with each word lit up as it is said (ASS karaoke from the cue's word times).</summary>
    Karaoke,
}
