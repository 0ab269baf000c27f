using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Serverless.Contracts;
using Serverless.Contracts.Rendering;
using Serverless.Functions.Tests.Accounts;

namespace Serverless.Functions.Tests.Projects;

/// <summary>
/// What the project tests do over HTTP and on the local stack: call as a user, wait for a task, and find the render
/// job a project queued on the app's own render queue.
/// </summary>
internal sealed class ProjectsClient(HttpClient client, string renderQueue)
{
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    public static string TaskIdOf(JsonElement accepted) => accepted.GetProperty("data").GetProperty("task_id").GetString()!;

    public async Task<JsonElement> SendAsync(TestUser user, HttpMethod method, string path, object? body, HttpStatusCode status, int code = 0) =>
        await ApiClient.ExpectAsync(await client.SendAsync(ApiClient.Bearer(method, path, user.AccessToken, body)), status, code);

    /// <summary>The saved storyboard's shots as <c>GET .../storyboard</c> answers them.</summary>
    public async Task<JsonElement> ShotsAsync(TestUser user, string projectId) =>
        (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{projectId}/storyboard", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("shots");

    /// <summary>The bytes of a stored blob named by a <c>{container, path}</c> reference in an answer.</summary>
    public static async Task<byte[]> BlobAsync(JsonElement blob) =>
        (await new BlobServiceClient(LocalStack.StorageConnectionString).GetBlobContainerClient(blob.GetProperty("container").GetString())
            .GetBlobClient(blob.GetProperty("path").GetString()).DownloadContentAsync()).Value.Content.ToArray();

    public async Task<JsonElement> WaitForTaskAsync(TestUser user, string taskId, params string[] statuses)
    {
        var clock = Stopwatch.StartNew();
        JsonElement task = default;
        while (clock.Elapsed < Patience)
        {
            task = (await SendAsync(user, HttpMethod.Get, $"/api/v1/tasks/{taskId}", null, HttpStatusCode.OK)).GetProperty("data");
            if (statuses.Contains(task.GetProperty("status").GetString()))
            {
                return task;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"task {taskId} did not reach {string.Join("/", statuses)}: {task}");
    }

    /// <summary>Waits for the task to end and fails the test unless it completed.</summary>
    public async Task CompletesAsync(TestUser user, string taskId)
    {
        var task = await WaitForTaskAsync(user, taskId, "completed", "failed");
        Assert.True(task.GetProperty("status").GetString() == "completed", $"task {taskId} failed: {task}");
    }

    public async Task<RenderJob> WaitForRenderJobAsync(string projectId)
    {
        var queue = new QueueClient(LocalStack.StorageConnectionString, renderQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Patience)
        {
            if (await queue.ExistsAsync())
            {
                foreach (var message in (await queue.PeekMessagesAsync(32)).Value)
                {
                    if (message.Body.ToObjectFromJson<RenderJob>(JobJson.Options) is { } job && job.ProjectId == projectId)
                    {
                        return job;
                    }
                }
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"no render job of project {projectId} was submitted");
    }
}
