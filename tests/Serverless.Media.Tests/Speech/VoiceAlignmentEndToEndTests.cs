using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Serverless.Contracts.Rendering;
using Serverless.Contracts;
using Serverless.Worker.Tests.Results;
using Serverless.Media.Probing;
using Serverless.Media.Tests.Fixtures;

namespace Serverless.Media.Tests.Speech;

/// <summary>
/// The worker times subtitles to the speech Silero VAD finds in each clip: a clip recorded with a second of silence
/// before its words is rendered with the words where the plan put the voice, and the cue starts with them.
/// </summary>
public sealed partial class VoiceAlignmentEndToEndTests : IAsyncLifetime
{
    private const double VoiceStart = 0.5;
    private readonly TempFolder _folder = new();
    private readonly string _queue = Azurite.UniqueName("vad-test");
    private readonly string _assets = Azurite.UniqueName("assets");
    private readonly BlobServiceClient _blobs = Azurite.Blobs();

    public async Task InitializeAsync()
    {
        await Azurite.RequireAsync();
        await _blobs.CreateBlobContainerAsync(_assets);
    }

    [Fact]
    public async Task A_clip_with_a_second_of_leading_silence_gets_its_cue_at_the_detected_speech_and_the_silence_trimmed()
    {
        var results = new ResultsQueueReader(Azurite.Queues(), WorkerHost.ResultsQueueOf(_queue));
        var container = _blobs.GetBlobContainerClient(_assets);
        var images = new List<BlobRef>();
        for (var i = 0; i < 3; i++)
        {
            var still = await TestMedia.StillAsync(_folder.Path, $"still-{i}.png", i);
            images.Add(new BlobRef(_assets, $"u/p/shots/{i}.png"));
            await container.GetBlobClient(images[^1].Path).UploadAsync(still, overwrite: true);
        }

        var speech = await TestMedia.SpeechAsync(_folder.Path, "speech.wav", "今天天气很好");
        var padded = _folder.File("padded.wav");
        await Tool.RunAsync("ffmpeg", "-hide_banner", "-y", "-i", speech, "-af", "adelay=delays=1000:all=1", padded);
        var clipSeconds = (await new MediaProbe(new MediaOptions()).AnalyseAsync(padded)).Duration.TotalSeconds;
        var voice = new BlobRef(_assets, "u/p/voices/0.wav");
        await container.GetBlobClient(voice.Path).UploadAsync(padded, overwrite: true);

        var planned = SampleJobs.Small(images, voice, clipSeconds);
        var job = planned with
        {
            Voices = [new RenderVoice(voice, VoiceStart, clipSeconds)],
            Subtitles = [new SubtitleCue(VoiceStart, VoiceStart + clipSeconds, "今天天气很好")],
            Destination = new BlobRef(_assets, $"u/p/{planned.JobId}/video.mp4"),
        };
        var queue = Azurite.Queues().GetQueueClient(_queue);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(BinaryData.FromObjectAsJson(job, JobJson.Options));
        await using var worker = await WorkerHost.StartAsync(_queue);

        var completed = await results.NextRenderCompletedAsync(TimeSpan.FromSeconds(120));

        Assert.True(completed.Succeeded, completed.Error);
        var video = _folder.File("video.mp4");
        await container.GetBlobClient(job.Destination.Path).DownloadToAsync(video);
        var srt = (await container.GetBlobClient(job.Destination.Path.Replace(".mp4", ".srt")).DownloadContentAsync()).Value.Content.ToString();
        var cueStart = FirstCueStart(srt);
        var heard = await SpeechOnsetAsync(video);
        Assert.True(Math.Abs(cueStart - heard) <= 0.1, $"cue starts at {cueStart:F3} s, speech is heard from {heard:F3} s");
        // Untrimmed, the words would start a second after the voice's planned start.
        Assert.InRange(heard, VoiceStart - 0.1, VoiceStart + 0.2);

        // Progress went to the results queue: each step in order, percentages rising, within 0-100.
        await results.ReadAllAsync();
        await results.DeleteAsync();
        var reports = results.Progress.ToList();
        var steps = reports.Select(r => r.Step).Distinct().ToList();
        Assert.Equal(["downloading", "detecting speech", "encoding", "uploading"], steps);
        Assert.All(reports, r => Assert.Equal(job.JobId, r.JobId));
        Assert.All(reports, r => Assert.InRange(r.Percent, 0, 100));
        Assert.Equal(reports.Select(r => r.Percent).Order(), reports.Select(r => r.Percent));
    }

    private static double FirstCueStart(string srt)
    {
        var match = SrtTime().Match(srt);
        Assert.True(match.Success, srt);
        var g = match.Groups;
        return int.Parse(g[1].Value, CultureInfo.InvariantCulture) * 3600 + int.Parse(g[2].Value, CultureInfo.InvariantCulture) * 60
            + int.Parse(g[3].Value, CultureInfo.InvariantCulture) + int.Parse(g[4].Value, CultureInfo.InvariantCulture) / 1000.0;
    }

    /// <summary>The end of the first silence ffmpeg's silencedetect finds in the video's sound.</summary>
    private static async Task<double> SpeechOnsetAsync(string video)
    {
        var (_, log) = await Tool.RunAsync("ffmpeg", "-hide_banner", "-i", video, "-vn", "-af", "silencedetect=noise=-50dB:d=0.2", "-f", "null", "-");
        var end = SilenceEnd().Match(log);
        Assert.True(end.Success, log);
        return double.Parse(end.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"(\d\d):(\d\d):(\d\d),(\d\d\d) -->")]
    private static partial Regex SrtTime();

    [GeneratedRegex(@"silence_end: ([0-9.]+)")]
    private static partial Regex SilenceEnd();

    public async Task DisposeAsync()
    {
        await Azurite.Queues().GetQueueClient(_queue).DeleteIfExistsAsync();
        await _blobs.GetBlobContainerClient(_assets).DeleteIfExistsAsync();
        _folder.Dispose();
    }
}
