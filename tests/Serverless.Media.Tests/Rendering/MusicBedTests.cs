using Serverless.Media.Probing;
using Serverless.Media.Rendering;
using Serverless.Media.Tests.Fixtures;

namespace Serverless.Media.Tests.Rendering;

/// <summary>
/// Background music under the voices, measured in the rendered file. The music is a 6 kHz tone so its level can be
/// read through a band-pass filter with the speech mostly outside the band; comparing a ducked render with an
/// unducked one cancels what speech there is in the band.
/// </summary>
public sealed class MusicBedTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FfmpegVideoRenderer _renderer;
    private readonly MediaProbe _probe;

    public MusicBedTests()
    {
        var options = new MediaOptions();
        _probe = new MediaProbe(options);
        _renderer = new FfmpegVideoRenderer(options, _probe);
    }

    [Fact]
    public async Task Music_is_looped_to_the_video_and_ducked_while_someone_speaks()
    {
        var ducked = await RenderAsync("ducked", duck: true);
        var flat = await RenderAsync("flat", duck: false);

        // A 2 s bed fills the 6 s video: audible at the very end too.
        Assert.True(await BandVolumeAsync(flat, 5.6, 5.95) > -35, "the looped bed is still playing at the end");

        var beforeSpeechDucked = await BandVolumeAsync(ducked, 0.5, 2.5);
        var beforeSpeechFlat = await BandVolumeAsync(flat, 0.5, 2.5);
        var duringSpeechDucked = await BandVolumeAsync(ducked, 3.3, 4.8);
        var duringSpeechFlat = await BandVolumeAsync(flat, 3.3, 4.8);

        Assert.InRange(beforeSpeechDucked - beforeSpeechFlat, -1.5, 1.5);
        Assert.True(duringSpeechFlat - duringSpeechDucked > 5,
            $"music under speech: {duringSpeechDucked:F1} dB ducked against {duringSpeechFlat:F1} dB flat");
    }

    private async Task<string> RenderAsync(string name, bool duck)
    {
        var work = Path.Combine(_folder.Path, name);
        Directory.CreateDirectory(work);
        var stills = await TestMedia.StillsAsync(work, 360, 640);

        var voice = await TestMedia.SpeechAsync(work, "in-voice.wav", SampleJobs.VoiceText);
        var music = Path.Combine(work, "in-music.wav");
        await Tool.RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=6000:sample_rate=48000:duration=2", music);
        var seconds = (await _probe.AnalyseAsync(voice)).Duration.TotalSeconds;
        var job = SampleRequests.Small(stills, voice, seconds, work, subtitles: false);
        var request = job with
        {
            Voices = [job.Voices[0] with { Start = 3.0 }],
            Music = new MusicBed(music, Volume: 0.5, FadeInSeconds: 0, FadeOutSeconds: 0, DuckUnderSpeech: duck),
        };

        return (await _renderer.RenderAsync(request, null, CancellationToken.None)).VideoPath;
    }

    private static async Task<double> BandVolumeAsync(string video, double from, double to)
    {
        var (_, log) = await Tool.RunAsync("ffmpeg", "-hide_banner", "-ss", from.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-t", (to - from).ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", video, "-vn",
            "-af", "bandpass=f=6000:width_type=q:w=20,volumedetect", "-f", "null", "-");
        var line = log.Split('\n').Single(l => l.Contains("mean_volume:", StringComparison.Ordinal));
        return double.Parse(line[(line.IndexOf("mean_volume:", StringComparison.Ordinal) + 12)..].Replace("dB", "", StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => _folder.Dispose();
}
