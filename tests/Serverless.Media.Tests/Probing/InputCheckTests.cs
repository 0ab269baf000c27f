using Serverless.Media.Probing;
using Serverless.Media.Tests.Fixtures;

namespace Serverless.Media.Tests.Probing;

/// <summary>
/// Input checks read PNG, JPEG and WAV headers in process, agreeing with ffprobe; other files still go to ffprobe.
/// The in-process checks are run with an ffprobe that only leaves a mark and fails, which proves they start none.
/// </summary>
public sealed class InputCheckTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly MediaProbe _ffprobe = new(new MediaOptions());
    private readonly MediaProbe _withoutTools;
    private readonly string _mark;

    public InputCheckTests()
    {
        var tools = Directory.CreateDirectory(Path.Combine(_folder.Path, "tools")).FullName;
        _mark = Path.Combine(tools, "ffprobe-started");
        var script = Path.Combine(tools, "ffprobe");
        File.WriteAllText(script, $"#!/bin/sh\ntouch '{_mark}'\nexit 1\n");
        // The worker and its tests run on Linux only (ffmpeg from Debian).
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("These tests run on Linux.");
        }

        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _withoutTools = new MediaProbe(new MediaOptions { FfmpegFolder = tools });
    }

    [Theory]
    [InlineData("still.png", 640, 360)]
    [InlineData("still.jpg", 322, 574)]
    public async Task A_still_is_measured_from_its_header_as_ffprobe_measures_it(string name, int width, int height)
    {
        var path = await TestMedia.StillAsync(_folder.Path, name, 1, width, height);

        var info = await _withoutTools.RequireAsync(path, needsVideo: true, needsAudio: false, "Shot 0", CancellationToken.None);

        var probed = await _ffprobe.AnalyseAsync(path);
        Assert.Equal((probed.VideoCodec, probed.Width, probed.Height), (info.VideoCodec, info.Width, info.Height));
        Assert.Equal((width, height), (info.Width, info.Height));
        Assert.False(File.Exists(_mark));
    }

    [Theory]
    [InlineData("pcm_s16le", 22050, 1)]
    [InlineData("pcm_f32le", 48000, 2)]
    [InlineData("pcm_s24le", 44100, 2)]
    public async Task A_wav_clip_is_measured_from_its_header_as_ffprobe_measures_it(string codec, int rate, int channels)
    {
        var path = Path.Combine(_folder.Path, $"{codec}.wav");
        await Tool.RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", $"sine=frequency=300:sample_rate={rate}:duration=1.37",
            "-ac", $"{channels}", "-c:a", codec, path);

        var info = await _withoutTools.RequireAsync(path, needsVideo: false, needsAudio: true, "Voice 0", CancellationToken.None);

        var probed = await _ffprobe.AnalyseAsync(path);
        Assert.Equal(probed.AudioCodec, info.AudioCodec);
        Assert.Equal(probed.Duration.TotalSeconds, info.Duration.TotalSeconds, 0.002);
        Assert.Equal(1.37, info.Duration.TotalSeconds, 0.002);
        Assert.False(File.Exists(_mark));
    }

    [Fact]
    public async Task An_espeak_clip_is_read_in_process()
    {
        var path = await TestMedia.SpeechAsync(_folder.Path, "voice.wav", "ni hao");

        var info = await _withoutTools.RequireAsync(path, needsVideo: false, needsAudio: true, "Voice 0", CancellationToken.None);

        Assert.Equal("pcm_s16le", info.AudioCodec);
        Assert.InRange(info.Duration.TotalSeconds, 0.2, 5);
        Assert.False(File.Exists(_mark));
    }

    [Fact]
    public async Task Other_formats_and_unreadable_headers_are_left_to_ffprobe()
    {
        var mp3 = Path.Combine(_folder.Path, "music.mp3");
        await Tool.RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=duration=1", "-c:a", "libmp3lame", mp3);
        var truncated = Path.Combine(_folder.Path, "truncated.wav");
        await File.WriteAllBytesAsync(truncated, (await File.ReadAllBytesAsync(await TestMedia.SpeechAsync(_folder.Path, "v.wav", "ni hao")))[..30]);
        var text = Path.Combine(_folder.Path, "shot.png");
        await File.WriteAllTextAsync(text, "this is not a png");

        // ffprobe reads the MP3 that the header readers pass on, and rejects what neither can read.
        Assert.Equal("mp3", (await _ffprobe.RequireAsync(mp3, needsVideo: false, needsAudio: true, "The music track", CancellationToken.None)).AudioCodec);
        await Assert.ThrowsAsync<InvalidRenderJobException>(() => _withoutTools.RequireAsync(mp3, needsVideo: false, needsAudio: true, "The music track", CancellationToken.None));
        Assert.True(File.Exists(_mark));
        var broken = await Assert.ThrowsAsync<InvalidRenderJobException>(() => _ffprobe.RequireAsync(truncated, needsVideo: false, needsAudio: true, "Voice 3", CancellationToken.None));
        Assert.Contains("Voice 3", broken.Message);
        await Assert.ThrowsAsync<InvalidRenderJobException>(() => _ffprobe.RequireAsync(text, needsVideo: true, needsAudio: false, "Shot 1", CancellationToken.None));
    }

    [Fact]
    public async Task A_still_offered_as_a_voice_holds_no_audio()
    {
        var path = await TestMedia.StillAsync(_folder.Path, "still.png", 2, 64, 64);

        var error = await Assert.ThrowsAsync<InvalidRenderJobException>(() => _ffprobe.RequireAsync(path, needsVideo: false, needsAudio: true, "Voice 2", CancellationToken.None));

        Assert.Contains("no audio", error.Message);
    }

    public void Dispose() => _folder.Dispose();
}
