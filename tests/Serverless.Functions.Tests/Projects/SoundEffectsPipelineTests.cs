using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Contracts.Rendering;
using Serverless.Functions.Tests.Accounts;
using Serverless.Studio.Catalog;

namespace Serverless.Functions.Tests.Projects;

/// <summary>The app with its own catalog container, so the effects it finds are this test's.</summary>
public sealed class SoundEffectsAppFactory : StudioAppFactory
{
    public string CatalogContainer => "catalog-" + RunId;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Catalog:Container", CatalogContainer);
    }
}

/// <summary>
/// A script's <c>[SFX: knock]</c> through the running pipeline: the catalog's <c>sfx/knock.wav</c> rides on the render
/// job at its shot's start, and a cue the catalog cannot answer is noted on its shot without failing the video.
/// </summary>
public sealed class SoundEffectsPipelineTests(SoundEffectsAppFactory app) : IClassFixture<SoundEffectsAppFactory>, IAsyncLifetime
{
    private const string Script = """
        Scene: Farmhouse kitchen, night
        Characters: Ada (female, farmer)

        Ada (uneasy): Who would come out on a night like this?
        [SFX: knock]
        [SFX: trumpet fanfare]
        Ada: Coming!
        """;

    private readonly HttpClient _client = app.CreateClient();

    private ProjectsClient Api => new(_client, app.RenderQueue);

    private Task<RenderJob> WaitForRenderJobAsync(string projectId) => Api.WaitForRenderJobAsync(projectId);

    public async Task InitializeAsync()
    {
        var folder = Directory.CreateTempSubdirectory("sfx-");
        try
        {
            // Two short bursts of band-passed noise: a knock, as dev.sh makes one.
            var knock = Path.Combine(folder.FullName, "knock.wav");
            using (var ffmpeg = Process.Start("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "anoisesrc=d=0.5:c=brown:a=0.8:r=48000:s=7",
                "-af", "bandpass=f=180:w=200,volume='if(lt(mod(t,0.25),0.06),1,0)':eval=frame", knock]))
            {
                await ffmpeg.WaitForExitAsync();
                Assert.Equal(0, ffmpeg.ExitCode);
            }

            var container = new BlobContainerClient(LocalStack.StorageConnectionString, app.CatalogContainer);
            await container.CreateIfNotExistsAsync();
            await container.GetBlobClient("sfx/knock.wav").UploadAsync(knock, overwrite: true);
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        var refreshed = await app.Services.GetRequiredService<CatalogRefresher>().RefreshAsync();
        Assert.Equal(1, refreshed.Added);
    }

    public async Task DisposeAsync()
    {
        await new BlobContainerClient(LocalStack.StorageConnectionString, app.CatalogContainer).DeleteIfExistsAsync();
    }

    [Fact]
    public async Task A_knock_cue_puts_the_catalog_knock_on_the_render_job_at_its_shot_start()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var accepted = await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/videos", user.AccessToken, new { script = Script })), HttpStatusCode.Accepted, 0);
        var projectId = accepted.GetProperty("data").GetProperty("project_id").GetString()!;

        var job = await WaitForRenderJobAsync(projectId);

        var effect = Assert.Single(job.SoundEffects);
        Assert.Equal(new BlobRef(app.CatalogContainer, "sfx/knock.wav"), effect.Sound);
        Assert.InRange(effect.Volume, 0.05, RenderSoundEffect.MaxVolume);

        var shots = (await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, $"/api/v1/projects/{projectId}/storyboard", user.AccessToken)), HttpStatusCode.OK, 0))
            .GetProperty("data").GetProperty("shots").EnumerateArray().ToList();
        Assert.Equal(job.Shots.Count, shots.Count);
        var knock = shots.FindIndex(s => Cue(s) == "knock");
        var fanfare = shots.FindIndex(s => Cue(s) == "trumpet fanfare");
        Assert.True(knock > 0 && fanfare > knock, string.Join(", ", shots.Select(Cue)));

        // The shot's start on the job's own timeline, after its incoming blend.
        var shotStart = job.Shots.Take(knock).Sum(s => s.Duration);
        var blend = job.Shots[knock].TransitionIn == TransitionKind.Cut ? 0 : job.Shots[knock].TransitionDuration;
        Assert.Equal(shotStart + blend, effect.Start, 3);

        Assert.Empty(shots[knock].GetProperty("notes").EnumerateArray());
        Assert.Equal(["sound_effect_missing"], shots[fanfare].GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
    }

    private static string? Cue(JsonElement shot) =>
        shot.TryGetProperty("sound_effect", out var cue) && cue.ValueKind == JsonValueKind.String ? cue.GetString() : null;

}
