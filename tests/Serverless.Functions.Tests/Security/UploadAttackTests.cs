using System.Net;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Serverless.Functions.Tests.Accounts;
using Serverless.Studio.Assets;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Storage;

namespace Serverless.Functions.Tests.Security;

/// <summary>Upload links used to store more than was asked for, or handed out and never completed, against real Blob storage.</summary>
public sealed class UploadAttackTests(SecurityAppFactory app) : IClassFixture<SecurityAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task A_file_larger_than_declared_is_refused_on_completion_and_removed()
    {
        var (user, projectId, assetId) = await UploadAsync(declaredBytes: 16, writtenBytes: 4096);

        var refused = await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, $"/api/v1/projects/{projectId}/assets/{assetId}/complete", user.AccessToken)),
            HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);

        Assert.Contains("size_bytes", refused.ToString(), StringComparison.Ordinal);
        Assert.Contains("4096 bytes, not the 16 declared", refused.ToString(), StringComparison.Ordinal);
        var asset = await app.Services.GetRequiredService<ProjectAssetStore>().FindAsync(user.UserId, projectId, assetId);
        Assert.Equal((AssetStatus.Pending, (long?)null), (asset!.Status, asset.SizeBytes));
        Assert.Null(await app.Services.GetRequiredService<AssetStore>().GetPropertiesAsync(asset.Blob));
    }

    [Fact]
    public async Task A_declared_size_past_the_asset_bound_gets_no_link()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var projectId = await CreateProjectAsync(user);

        foreach (var size in new long?[] { AssetService.MaxAssetBytes + 1, 0, null })
        {
            await ApiClient.ExpectAsync(
                await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, $"/api/v1/projects/{projectId}/assets/upload-url", user.AccessToken,
                    new { file_name = "big.mp4", content_type = "video/mp4", size_bytes = size })),
                HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        }

        var listed = await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, $"/api/v1/projects/{projectId}/assets", user.AccessToken)), HttpStatusCode.OK, 0);
        Assert.Equal(0, listed.GetProperty("data").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_upload_never_completed_is_swept_once_its_link_has_expired_and_the_grace_passed()
    {
        var (user, projectId, assetId) = await UploadAsync(declaredBytes: 16, writtenBytes: 4096);
        var records = app.Services.GetRequiredService<ProjectAssetStore>();
        var blobs = app.Services.GetRequiredService<AssetStore>();
        var blob = (await records.FindAsync(user.UserId, projectId, assetId))!.Blob;

        // The link scheduled its own sweep, which runs once the link can no longer be used.
        var scheduled = await app.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync($"sweep-{assetId}");
        Assert.NotNull(scheduled);

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var assets = ActivatorUtilities.CreateInstance<AssetService>(app.Services, (TimeProvider)clock);
        clock.Advance(AssetService.UploadLinkLifetime);
        Assert.Equal(0, await assets.SweepUnfinishedUploadAsync(user.UserId, projectId, assetId));
        Assert.NotNull(await blobs.GetPropertiesAsync(blob));

        clock.Advance(AssetService.UnfinishedUploadAge - AssetService.UploadLinkLifetime + TimeSpan.FromSeconds(5));
        Assert.Equal(1, await assets.SweepUnfinishedUploadAsync(user.UserId, projectId, assetId));

        Assert.Null(await blobs.GetPropertiesAsync(blob));
        Assert.Null(await records.FindAsync(user.UserId, projectId, assetId));
    }

    [Fact]
    public async Task A_completed_upload_is_left_alone_by_its_sweep()
    {
        var (user, projectId, assetId) = await UploadAsync(declaredBytes: 16, writtenBytes: 16);
        await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, $"/api/v1/projects/{projectId}/assets/{assetId}/complete", user.AccessToken)),
            HttpStatusCode.OK, 0);

        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow + AssetService.UnfinishedUploadAge + TimeSpan.FromMinutes(1));
        var assets = ActivatorUtilities.CreateInstance<AssetService>(app.Services, (TimeProvider)clock);

        Assert.Equal(0, await assets.SweepUnfinishedUploadAsync(user.UserId, projectId, assetId));
        var asset = await app.Services.GetRequiredService<ProjectAssetStore>().FindAsync(user.UserId, projectId, assetId);
        Assert.Equal((AssetStatus.Ready, (long?)16), (asset!.Status, asset.SizeBytes));
        Assert.NotNull(await app.Services.GetRequiredService<AssetStore>().GetPropertiesAsync(asset.Blob));
    }

    private async Task<string> CreateProjectAsync(TestUser user) =>
        (await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/projects", user.AccessToken, new { name = "Uploads" })), HttpStatusCode.Created, 0))
            .GetProperty("data").GetProperty("id").GetString()!;

    /// <summary>Asks for a link declaring one size and writes another through it, as a browser would: the link does not bound the size.</summary>
    private async Task<(TestUser User, string ProjectId, string AssetId)> UploadAsync(long declaredBytes, int writtenBytes)
    {
        var user = await ApiClient.RegisterAsync(_client);
        var projectId = await CreateProjectAsync(user);
        var upload = (await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, $"/api/v1/projects/{projectId}/assets/upload-url", user.AccessToken,
                new { file_name = "pic.png", content_type = "image/png", size_bytes = declaredBytes })),
            HttpStatusCode.OK, 0)).GetProperty("data");

        using var storage = new HttpClient();
        using var put = new HttpRequestMessage(HttpMethod.Put, upload.GetProperty("upload_url").GetString()) { Content = new ByteArrayContent(new byte[writtenBytes]) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        Assert.Equal(HttpStatusCode.Created, (await storage.SendAsync(put)).StatusCode);
        return (user, projectId, upload.GetProperty("asset_id").GetString()!);
    }
}
