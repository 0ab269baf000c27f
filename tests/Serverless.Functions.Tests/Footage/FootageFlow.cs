using System.Net;
using Serverless.Contracts.Footage;
using Serverless.Functions.Tests.Accounts;
using Serverless.Functions.Tests.Projects;
using Serverless.Testing;

namespace Serverless.Functions.Tests.Footage;

/// <summary>
/// A user's footage through the running app as the tests drive it: the upload and its completion over the API, and the
/// footage worker played on the wire (<see cref="Worker"/>) taking the footage's jobs off the app's queue.
/// </summary>
public sealed class FootageFlow(StudioAppFactory app, HttpClient client)
{
    public FootageWorkerPlay Worker { get; } = new(LocalStack.StorageConnectionString, app.FootageQueue, app.ResultsQueue);

    /// <summary>Uploads a small file through the write link and completes it: the analysis task starts.</summary>
    public async Task<(string FootageId, string TaskId)> UploadAsync(TestUser user)
    {
        var api = new ProjectsClient(client, app.RenderQueue);
        var upload = (await api.SendAsync(user, HttpMethod.Post, "/api/v1/footage", new { file_name = "talk.mp4", size_bytes = 32 }, HttpStatusCode.OK)).GetProperty("data");
        using var storage = new HttpClient();
        using var put = new HttpRequestMessage(HttpMethod.Put, upload.GetProperty("upload_url").GetString()) { Content = new ByteArrayContent(new byte[32]) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        Assert.Equal(HttpStatusCode.Created, (await storage.SendAsync(put)).StatusCode);
        var footageId = upload.GetProperty("footage_id").GetString()!;
        var taskId = ProjectsClient.TaskIdOf(await api.SendAsync(user, HttpMethod.Post, $"/api/v1/footage/{footageId}/complete", null, HttpStatusCode.Accepted));
        return (footageId, taskId);
    }

    /// <summary>Takes <paramref name="count"/> jobs of the footage off the app's footage queue, as a worker would.</summary>
    public async Task<List<FootageJob>> TakeJobsAsync(string footageId, int count)
    {
        var taken = await Worker.TakeAsync(footageId, count, ProjectsClient.Patience);
        Assert.True(taken.Count == count, $"{taken.Count} of {count} jobs of {footageId} were queued");
        return taken;
    }
}
