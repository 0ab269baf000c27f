using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Studio.Catalog;

namespace Serverless.Functions.Tests.Triggers;

/// <summary>The catalog refresh indexes the catalog container into Cosmos, drops what is gone, and runs on one host at a time.</summary>
public sealed class CatalogRefreshTests
{
    [Fact]
    public async Task Refresh_indexes_music_and_effects_and_removes_entries_whose_files_are_gone()
    {
        var run = new TriggerRun();
        var container = await ContainerAsync(run);
        await container.UploadBlobAsync("bgm/calm/morning-loop.wav", BinaryData.FromBytes(new byte[64]));
        await container.UploadBlobAsync("bgm/epic/battle.mp3", BinaryData.FromBytes(new byte[32]));
        await container.UploadBlobAsync("sfx/door-knock.flac", BinaryData.FromBytes(new byte[16]));
        await container.UploadBlobAsync("bgm/calm/LICENSE.txt", BinaryData.FromString("CC0"));

        await using var app = new TriggerAppFactory(run);
        var client = app.ClientFor(run.KeyA);
        var singleton = app.Services.GetRequiredService<CatalogRefreshSingleton>();
        var first = await singleton.TryRunAsync();
        Assert.True(first.Ran);
        Assert.Equal(3, first.Result!.Added);
        Assert.True(first.Result.Voices > 0, "espeak-ng's voices were not listed");

        var calm = await ItemsAsync(client, "/api/v1/audio/bgm?category=calm");
        Assert.Equal("morning-loop", Assert.Single(calm).GetProperty("name").GetString());
        Assert.Equal(2, (await ItemsAsync(client, "/api/v1/audio/bgm")).Count);
        Assert.Equal("general", Assert.Single(await ItemsAsync(client, "/api/v1/audio/sound-effects")).GetProperty("category").GetString());

        await container.DeleteBlobAsync("bgm/calm/morning-loop.wav");
        var second = await singleton.TryRunAsync();
        Assert.Equal(new CatalogRefreshResult(0, 0, 1, 2, first.Result.Voices), second.Result);
        Assert.Empty(await ItemsAsync(client, "/api/v1/audio/bgm?category=calm"));
        Assert.NotNull(await singleton.LastRunAsync());
    }

    [Fact]
    public async Task Of_two_hosts_only_the_lease_holder_refreshes()
    {
        var run = new TriggerRun();
        var container = await ContainerAsync(run);
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => container.UploadBlobAsync($"sfx/hits/hit-{i:D2}.wav", BinaryData.FromBytes(new byte[8]))));

        await using var hostA = new TriggerAppFactory(run);
        await using var hostB = new TriggerAppFactory(run);
        var a = hostA.Services.GetRequiredService<CatalogRefreshSingleton>();
        var b = hostB.Services.GetRequiredService<CatalogRefreshSingleton>();

        // Both ticking at once: one takes the lease and indexes 40 files while the other skips.
        var runs = await Task.WhenAll(a.TryRunAsync(), b.TryRunAsync());
        Assert.Single(runs, r => r.Ran);
        Assert.Equal(40, runs.Single(r => r.Ran).Result!.Added);

        // While a third party (a host mid-refresh) holds the lease, neither runs.
        var lockBlob = new BlobServiceClient(LocalStack.StorageConnectionString).GetBlobContainerClient("locks").GetBlobClient($"catalog-refresh/{run.Id}");
        var lease = lockBlob.GetBlobLeaseClient();
        await lease.AcquireAsync(TimeSpan.FromSeconds(15));
        Assert.False((await a.TryRunAsync()).Ran);
        Assert.False((await b.TryRunAsync()).Ran);
        await lease.ReleaseAsync();
        Assert.True((await b.TryRunAsync()).Ran);
    }

    [Fact]
    public async Task A_seed_folder_is_uploaded_and_indexed_at_start_with_duration_and_loudness_and_levelled()
    {
        var run = new TriggerRun();
        var folder = Directory.CreateTempSubdirectory("catalog-seed-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "bgm", "calm"));
            await ToneAsync(Path.Combine(folder.FullName, "bgm", "calm", "quiet.wav"), seconds: 3, gainDb: -15);
            await ToneAsync(Path.Combine(folder.FullName, "bgm", "calm", "loud.wav"), seconds: 2, gainDb: 5);

            await using var app = new TriggerAppFactory(run, seedFolder: folder.FullName);
            var calm = await ItemsAsync(app.ClientFor(run.KeyA), "/api/v1/audio/bgm?category=calm");

            var quiet = calm.Single(i => i.GetProperty("name").GetString() == "quiet");
            var loud = calm.Single(i => i.GetProperty("name").GetString() == "loud");
            Assert.InRange(quiet.GetProperty("duration_seconds").GetDouble(), 2.9, 3.1);
            Assert.InRange(loud.GetProperty("duration_seconds").GetDouble(), 1.9, 2.1);
            var (quietLufs, loudLufs) = (quiet.GetProperty("loudness_lufs").GetDouble(), loud.GetProperty("loudness_lufs").GetDouble());
            Assert.InRange(loudLufs - quietLufs, 18, 22);

            // Levelled to the bed loudness: the loud track is turned down to it; the quiet one is never amplified.
            double Gain(double lufs) => MusicLibrary.VolumeFor(new CatalogEntry { Id = "x", Kind = CatalogKinds.Music, Name = "x", Category = "calm", LoudnessLufs = lufs, IndexedAt = DateTimeOffset.UnixEpoch });
            Assert.InRange(loudLufs + (20 * Math.Log10(Gain(loudLufs))), MusicLibrary.BedLoudnessLufs - 0.5, MusicLibrary.BedLoudnessLufs + 0.5);
            Assert.Equal(1.0, Gain(quietLufs));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task ToneAsync(string path, int seconds, int gainDb)
    {
        var start = new System.Diagnostics.ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var argument in new[] { "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", $"sine=f=440:d={seconds}", "-af", $"volume={gainDb}dB", path })
        {
            start.ArgumentList.Add(argument);
        }

        using var ffmpeg = System.Diagnostics.Process.Start(start)!;
        var error = await ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.WaitForExitAsync();
        Assert.True(ffmpeg.ExitCode == 0, error);
    }

    private static async Task<BlobContainerClient> ContainerAsync(TriggerRun run)
    {
        var container = new BlobServiceClient(LocalStack.StorageConnectionString).GetBlobContainerClient(run.CatalogContainer);
        await container.CreateIfNotExistsAsync();
        return container;
    }

    private static async Task<List<JsonElement>> ItemsAsync(HttpClient client, string url)
    {
        var page = await client.GetFromJsonAsync<JsonElement>(url);
        return page.GetProperty("data").GetProperty("items").EnumerateArray().ToList();
    }
}
