using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Tests.Accounts;
using Serverless.Studio.ProductCatalogs;

namespace Serverless.Functions.Tests.ProductCatalogs;

/// <summary>
/// A picture fetch asked for by an import is kept by the task hub, not by the process: an app that stops before it
/// fetched leaves the request behind, and the next app on the same task hub fetches the picture without a refresh.
/// </summary>
public sealed class ProductPictureDurabilityTests
{
    [Fact]
    public async Task A_picture_fetch_asked_for_by_an_import_survives_the_app_and_the_next_app_fetches_it_once()
    {
        using var certificate = HttpsFeedServer.CreateCertificate();
        await using var pictures = await HttpsFeedServer.StartAsync(certificate);
        string userId, catalogId, runId;
        TestUser user;

        // The first app takes the import, then goes away before its engine takes anything from the task hub.
        await using (var first = new CatalogAppFactory(certificate, engineRuns: false))
        {
            var client = first.CreateClient();
            runId = first.DataRunId;
            user = await ApiClient.RegisterAsync(client);
            userId = user.UserId;
            catalogId = (await ApiClient.ExpectAsync(await client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/catalogs", user.AccessToken, new { name = "pictures" })), HttpStatusCode.Created, 0))
                .GetProperty("data").GetProperty("id").GetString()!;
            var import = ApiClient.Bearer(HttpMethod.Post, $"/api/v1/catalogs/{catalogId}/import", user.AccessToken);
            import.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(
                $"sku,name,category,price,currency,selling_points,picture_url\nCUP-1,Cup,cups,3,USD,,{pictures.BaseUrl}/cup.png\n"));
            import.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            var report = (await ApiClient.ExpectAsync(await client.SendAsync(import), HttpStatusCode.OK, 0)).GetProperty("data");
            Assert.True(report.GetProperty("pictures_pending").GetBoolean());

            var request = await first.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(ProductPictureWork.InstanceId(userId, catalogId));
            Assert.Equal(OrchestrationRuntimeStatus.Pending, request?.RuntimeStatus);
            Assert.Equal("pending", (await ProductAsync(client, user, catalogId)).GetProperty("picture_fetch").GetProperty("status").GetString());
        }

        Assert.Empty(pictures.Paths);

        // The next app on the same database and task hub: the picture arrives with no refresh and no new request.
        await using var second = new CatalogAppFactory(certificate, continueRun: runId);
        var next = second.CreateClient();
        // This app signs with a key of its own: the same account signs in again.
        var login = await ApiClient.ExpectAsync(await next.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password }), HttpStatusCode.OK, 0);
        user = user with { AccessToken = login.GetProperty("data").GetProperty("access_token").GetString()! };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        JsonElement product;
        do
        {
            await Task.Delay(500);
            product = await ProductAsync(next, user, catalogId);
        }
        while (product.GetProperty("picture_fetch").GetProperty("status").GetString() == "pending" && DateTime.UtcNow < deadline);

        Assert.Equal("fetched", product.GetProperty("picture_fetch").GetProperty("status").GetString());
        var picture = Assert.Single(product.GetProperty("pictures").EnumerateArray());
        Assert.Equal("image/png", picture.GetProperty("content_type").GetString());
        Assert.Equal(["/cup.png"], pictures.Paths);
        // The orchestration ends once its activity's result is in: its instance says so a moment after the product does.
        using var ended = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await second.Services.GetRequiredService<DurableTaskClient>().WaitForInstanceCompletionAsync(
            ProductPictureWork.InstanceId(userId, catalogId), getInputsAndOutputs: true, ended.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(1, done.ReadOutputAs<int>());
    }

    private static async Task<JsonElement> ProductAsync(HttpClient client, TestUser user, string catalogId) =>
        (await ApiClient.ExpectAsync(await client.SendAsync(ApiClient.Bearer(HttpMethod.Get, $"/api/v1/catalogs/{catalogId}/products/CUP-1", user.AccessToken)), HttpStatusCode.OK, 0))
            .GetProperty("data");
}
