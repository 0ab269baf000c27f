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
