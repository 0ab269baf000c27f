using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Studio.Projects;
using Serverless.Studio.Storage;
using Serverless.Studio.Tasks;

namespace Serverless.Functions.Tests.Tasks;

/// <summary>The task view kept between polls: per owner, dropped on this process's writes, refreshed after a second.</summary>
[Collection(StudioApp.Collection)]
public sealed class TaskViewCacheTests(StudioAppFactory app)
{
    private TaskQuery Query => app.Services.GetRequiredService<TaskQuery>();

    private VideoTaskStore Store => app.Services.GetRequiredService<VideoTaskStore>();

    [Fact]
    public async Task A_kept_view_is_never_shown_to_another_user()
    {
        var task = NewTask(VideoTaskStatus.Completed);
        await Store.UpsertAsync(task);

        Assert.Equal(VideoTaskStatus.Completed, (await Query.FindAsync(task.UserId, task.Id))!.Status);
        Assert.Null(await Query.FindAsync("someone-else", task.Id));
        Assert.Equal(VideoTaskStatus.Completed, (await Query.FindAsync(task.UserId, task.Id))!.Status);
    }

    [Fact]
    public async Task A_write_in_this_process_is_seen_by_the_next_read()
    {
        var task = NewTask(VideoTaskStatus.Completed);
        await Store.UpsertAsync(task);
        Assert.Equal(VideoTaskStatus.Completed, (await Query.FindAsync(task.UserId, task.Id))!.Status);

        await Store.UpsertAsync(task with { Status = VideoTaskStatus.Failed, Error = new TaskError(30004, "render failed") });

        var view = (await Query.FindAsync(task.UserId, task.Id))!;
        Assert.Equal(VideoTaskStatus.Failed, view.Status);
        Assert.Equal("render failed", view.Error!.Message);
    }

    [Fact]
    public async Task A_write_by_another_host_is_seen_within_about_a_second()
    {
        var task = NewTask(VideoTaskStatus.Completed);
        await Store.UpsertAsync(task);
        Assert.Equal(VideoTaskStatus.Completed, (await Query.FindAsync(task.UserId, task.Id))!.Status);

        // Behind this process's store, as another host of the app would write it.
        var container = await app.Services.GetRequiredService<StudioDatabase>().ContainerAsync(StudioContainers.Tasks);
        await container.UpsertItemAsync(task with { Status = VideoTaskStatus.Failed }, new PartitionKey(task.ProjectId));

        // Kept: the next read answers from memory without a round trip.
        Assert.Equal(VideoTaskStatus.Completed, (await Query.FindAsync(task.UserId, task.Id))!.Status);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        var status = VideoTaskStatus.Completed;
        while (status != VideoTaskStatus.Failed && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            status = (await Query.FindAsync(task.UserId, task.Id))!.Status;
        }

        Assert.Equal(VideoTaskStatus.Failed, status);
    }

    private static VideoTask NewTask(VideoTaskStatus status)
    {
        var projectId = StudioIds.NewProjectId();
        return new VideoTask
        {
            Id = StudioIds.NewTaskId(projectId),
            ProjectId = projectId,
            UserId = "owner-" + Guid.NewGuid().ToString("N")[..8],
            InstanceId = "no-instance",
            Status = status,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
            CompletedAt = DateTimeOffset.UtcNow,
        };
    }
}
