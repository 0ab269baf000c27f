using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Functions.Tests;

[Collection(StudioApp.Collection)]
public sealed class ReadinessTests(StudioAppFactory app)
{
    [Fact]
    public async Task Readyz_is_ready_once_storage_cosmos_and_the_task_hub_answer()
    {
        var (status, body) = await ReadyzAsync(app.CreateClient(), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ready", body.GetProperty("status").GetString());
        foreach (var check in new[] { "blob_storage", "cosmos", "task_hub" })
        {
            Assert.Equal("healthy", body.GetProperty("checks").GetProperty(check).GetProperty("status").GetString());
        }
    }

    /// <summary>Polls while the app's start-up (database, task hub) catches up, until the wanted status or 30 s.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyzAsync(HttpClient client, HttpStatusCode wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await client.GetAsync("/api/readyz");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (response.StatusCode == wanted || DateTime.UtcNow > deadline)
            {
                return (response.StatusCode, body);
            }

            await Task.Delay(250);
        }
    }
}

/// <summary>Without the engine the task hub is never created, and a deleted database is noticed.</summary>
public sealed class NotReadyTests(EngineStoppedAppFactory app) : IClassFixture<EngineStoppedAppFactory>
{
    [Fact]
    public async Task Readyz_answers_503_naming_what_is_missing()
    {
        var client = app.CreateClient();
        var (status, body) = await ReadinessTests.ReadyzAsync(client, HttpStatusCode.ServiceUnavailable);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("not_ready", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks");
        Assert.Equal("healthy", checks.GetProperty("blob_storage").GetProperty("status").GetString());
        Assert.Equal("healthy", checks.GetProperty("cosmos").GetProperty("status").GetString());
        Assert.Equal("unhealthy", checks.GetProperty("task_hub").GetProperty("status").GetString());
        Assert.Contains(app.RunId + "Instances", checks.GetProperty("task_hub").GetProperty("description").GetString());

        await app.Services.GetRequiredService<CosmosClient>().GetDatabase(app.RunId).DeleteAsync();
        (status, body) = await ReadinessTests.ReadyzAsync(client, HttpStatusCode.ServiceUnavailable);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unhealthy", body.GetProperty("checks").GetProperty("cosmos").GetProperty("status").GetString());
    }
}
