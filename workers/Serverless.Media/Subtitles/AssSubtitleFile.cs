using System.Globalization;
using System.Text;

namespace Serverless.Media.Subtitles;

/// <summary>
/// An Advanced SubStation Alpha file for burning cues into the picture with libass. Coordinates are the output's
/// pixels (PlayRes = frame size), so sizes in <see cref="SubtitleStyle"/> are what the viewer sees. A karaoke style
/// tags each word with its time (<c>\k</c> for the pause before it, <c>\kf</c> while it is said): libass shows a word in
/// the secondary colour (white) until it is said, fills it with the primary colour (the highlight) as it is said.
/// </summary>
public static class AssSubtitleFile
{
    /// <param name="watermark">Text shown over the whole video, or null.</param>
    public static string Build(IReadOnlyList<SubtitleCue> cues, int width, int height, SubtitleStyle style, AssWatermark? watermark = null)
    {
        var text = new StringBuilder();
        text.Append("[Script Info]\n");
        text.Append("ScriptType: v4.00+\n");
        text.Append(CultureInfo.InvariantCulture, $"PlayResX: {width}\nPlayResY: {height}\n");
        text.Append("WrapStyle: 2\nScaledBorderAndShadow: yes\nYCbCr Matrix: TV.709\n\n");
        text.Append("[V4+ Styles]\n");
        text.Append("Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n");
        text.Append(CultureInfo.InvariantCulture,
            $"Style: Default,{style.FontName},{style.FontSize},{(style.Karaoke ? style.HighlightColour : "&H00FFFFFF")},{(style.Karaoke ? "&H00FFFFFF" : "&H000000FF")},&H00000000,&H99000000,1,0,0,0,100,100,0,0,1,{style.Outline},{Math.Max(1, style.Outline / 2)},2,{style.MarginHorizontal},{style.MarginHorizontal},{style.MarginVertical},1\n\n");
        if (watermark is not null)
        {
            // Alpha in ASS counts transparency, 00 opaque to FF invisible.
            var alpha = (int)Math.Round((1 - Math.Clamp(watermark.Opacity, 0, 1)) * 255);
            var size = Math.Max(10, style.FontSize * 2 / 3);
            var margin = (int)Math.Round(Math.Min(width, height) * 0.04);
            var (top, bottom, left, right) = Rendering.SafeLayout.Insets(width, height, watermark.SafeArea, margin);
            // ASS alignments 1-3 sit on the bottom edge, 7-9 on the top: MarginV counts from that edge.
            var vertical = watermark.Alignment <= 3 ? bottom : top;
            text.Append(CultureInfo.InvariantCulture,
                $"Style: Watermark,{style.FontName},{size},&H{alpha:X2}FFFFFF,&H{alpha:X2}FFFFFF,&H{alpha:X2}000000,&HFF000000,1,0,0,0,100,100,0,0,1,{Math.Max(1, style.Outline / 2)},0,{watermark.Alignment},{left},{right},{vertical},1\n\n");
        }

        text.Append("[Events]\n");
        text.Append("Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n");

        var maxWidthEm = (width - 2.0 * style.MarginHorizontal) / style.FontSize;
        foreach (var cue in cues.Where(c => double.IsFinite(c.Start) && double.IsFinite(c.End) && c.End > c.Start))
        {
            var body = SubtitleText.Clean(cue.Text);
            var speaker = style.ShowSpeaker && !string.IsNullOrWhiteSpace(cue.Speaker) ? SubtitleText.Clean(cue.Speaker) : null;
            var lines = SubtitleLines.Wrap(speaker is null ? body : $"{speaker}：{body}", maxWidthEm)
                .Select(SubtitleText.ForAss)
                .ToList();
            if (speaker is not null && lines.Count > 0)
            {
                // Tags are ours; the speaker's name was made inert above and stays outside the braces.
                var name = SubtitleText.ForAss(speaker);
                if (lines[0].StartsWith(name, StringComparison.Ordinal))
                {
                    lines[0] = $"{{\\c{SpeakerColor.Ass(speaker)}}}{name}{{\\r}}{lines[0][name.Length..]}";
                }
            }

            var joined = string.Join("\\N", lines);
            if (style.Karaoke && cue.Words is { Count: > 0 })
            {
                // The speaker's name is not sung: words are looked for after its closing tag.
                var named = speaker is null ? -1 : joined.IndexOf("{\\r}", StringComparison.Ordinal);
                joined = Karaoke(joined, named < 0 ? 0 : named + 4, cue);
            }

            text.Append(CultureInfo.InvariantCulture,
                $"Dialogue: 0,{Time(cue.Start)},{Time(cue.End)},Default,,0,0,0,,{joined}\n");
        }

        if (watermark is not null)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"Dialogue: 1,{Time(0)},{Time(watermark.DurationSeconds)},Watermark,,0,0,0,,{SubtitleText.ForAss(SubtitleText.Clean(watermark.Text))}\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// <paramref name="text"/> (wrapped, made inert) with karaoke tags before each of the cue's words, found in order from
    /// <paramref name="from"/>. Times are counted in whole centiseconds from the cue's start, so rounding never drifts; a
    /// group of Hanzi the wrap broke over two lines is found by its first character.
    /// </summary>
    private static string Karaoke(string text, int from, SubtitleCue cue)
    {
        var sung = Centis(cue.Start);
        var builder = new StringBuilder(text.Length * 2).Append(text, 0, from);
        var cursor = from;
        foreach (var word in cue.Words ?? [])
        {
            var shown = SubtitleText.ForAss(SubtitleText.Clean(word.Text));
            if (shown.Length == 0)
            {
                continue;
            }

            var (at, length) = (text.IndexOf(shown, cursor, StringComparison.Ordinal), shown.Length);
            if (at < 0)
            {
                (at, length) = (text.IndexOf(shown[0], cursor), 1);
            }

            if (at < 0)
            {
                continue;
            }

            var start = Math.Max(sung, Centis(word.Start));
            var end = Math.Max(start, Centis(word.End));
            builder.Append(text, cursor, at - cursor);
            if (start > sung)
            {
                builder.Append(CultureInfo.InvariantCulture, $"{{\\k{start - sung}}}");
            }

            builder.Append(CultureInfo.InvariantCulture, $"{{\\kf{end - start}}}").Append(text, at, length);
            (cursor, sung) = (at + length, end);
        }

        return builder.Append(text, cursor, text.Length - cursor).ToString();
    }

    private static long Centis(double seconds) => (long)Math.Round(Math.Max(0, seconds) * 100, MidpointRounding.AwayFromZero);

    /// <summary>ASS times are h:mm:ss.cc.</summary>
    private static string Time(double seconds)
    {
        var centis = Centis(seconds);
        return string.Create(CultureInfo.InvariantCulture, $"{centis / 360000}:{centis / 6000 % 60:00}:{centis / 100 % 60:00}.{centis % 100:00}");
    }
}
