using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;

namespace Serverless.Worker.Tests.Inference;

/// <summary>Azurite (which CI starts; these tests fail, never skip, without it) and an espeak-ng clip.</summary>
internal static class InferenceFixtures
{
    public const string Storage = "UseDevelopmentStorage=true";

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)];

    /// <summary>English speech from espeak-ng with exactly <paramref name="leadingSilence"/> seconds of silence before it.</summary>
    public static async Task<string> SpeechClipAsync(string folder, double leadingSilence)
    {
        var speech = Path.Combine(folder, "speech.wav");
        await RunAsync("espeak-ng", "-v", "en", "-w", speech, "The storm rolled over the hills before anyone could reach the old house.");
        var clip = Path.Combine(folder, "clip.wav");
        var delay = ((int)(leadingSilence * 1000)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await RunAsync("ffmpeg", "-v", "error", "-y", "-i", speech, "-af", $"adelay=delays={delay}:all=1,apad=pad_dur=0.5", clip);
        return clip;
    }

    /// <summary>Where the speech really starts in the espeak-ng output (its own lead-in is a few ms, never zero).</summary>
    public static async Task<double> FirstSoundAsync(string clip)
    {
        var log = await RunAsync("ffmpeg", "-hide_banner", "-i", clip, "-af", "silencedetect=noise=-50dB:d=0.3", "-f", "null", "-");
        var match = System.Text.RegularExpressions.Regex.Match(log, @"silence_end: ([0-9.]+)");
        Assert.True(match.Success, log);
        return double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {await error}");
        return await output + await error;
    }

    public static async Task RequireAzuriteAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await new BlobServiceClient(Storage).GetPropertiesAsync(timeout.Token);
        }
        catch (Exception exception)
        {
            Assert.Fail($"Azurite is not reachable at 127.0.0.1:10000 (start it with infra/local/dev.sh emulators): {exception.Message}");
        }
    }
}

/// <summary>Counts the blob content downloads (GETs without a <c>comp</c> query) of one container, per blob name.</summary>
internal sealed class DownloadCounter(string container) : HttpPipelinePolicy
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _downloads = new();

    public int Of(string blob) => _downloads.GetValueOrDefault(blob);

    public int Requests;

    public BlobServiceClient Client()
    {
        var options = new BlobClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        return new BlobServiceClient(InferenceFixtures.Storage, options);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Count(HttpMessage message)
    {
        var uri = message.Request.Uri.ToUri();
        var prefix = $"/devstoreaccount1/{container}/";
        if (!uri.AbsolutePath.StartsWith(prefix, StringComparison.Ordinal))
        {
            return;
        }

        Interlocked.Increment(ref Requests);
        if (message.Request.Method == RequestMethod.Get && !uri.Query.Contains("comp=", StringComparison.Ordinal))
        {
            _downloads.AddOrUpdate(Uri.UnescapeDataString(uri.AbsolutePath[prefix.Length..]), 1, (_, n) => n + 1);
        }
    }
}
