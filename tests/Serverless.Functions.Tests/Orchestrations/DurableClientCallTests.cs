using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Serverless.Functions.Tests.Accounts;
using Serverless.Functions.Tests.Projects;
using Serverless.Studio.Orchestrations;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Tasks;

namespace Serverless.Functions.Tests.Orchestrations;

/// <summary>
/// What the HTTP functions ask of the task hub, over a mocked <see cref="DurableTaskClient"/> (the SDK's abstract
/// client, the seam to Durable Functions in Azure): a video starts one orchestration under its task id with its
/// request, a cancel terminates that instance with the owner's reason, and a hub that refuses the start is not
/// answered 202. Stores stay real (Azurite, cosmosdb-server).
/// </summary>
public sealed class DurableClientCallTests : IAsyncLifetime
{
    // CallBase: the SDK's convenience overloads run as shipped and land on the members set up here.
    private readonly Mock<DurableTaskClient> _durable = new("mocked") { CallBase = true };
    private readonly MockedHubAppFactory _app;

    public DurableClientCallTests() => _app = new MockedHubAppFactory(_durable.Object);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_video_schedules_one_VideoOrchestrator_under_its_task_id_with_its_request()
    {
        _durable.Setup(d => d.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? options, CancellationToken _) => options!.InstanceId!);
        var client = _app.CreateClient();
        var user = await ApiClient.RegisterAsync(client);

        var accepted = await ApiClient.ExpectAsync(
            await client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/videos", user.AccessToken, new { script = ProjectsApiTests.Script, title = "mocked hub" })),
            HttpStatusCode.Accepted, 0);

        var taskId = accepted.GetProperty("data").GetProperty("task_id").GetString()!;
        _durable.Verify(d => d.ScheduleNewOrchestrationInstanceAsync(
            nameof(VideoOrchestrator),
            It.Is<object?>(input => IsRequestOf(input, taskId, user.UserId)),
            It.Is<StartOrchestrationOptions?>(options => options!.InstanceId == taskId),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_cancel_terminates_the_running_instance_with_the_owners_reason()
    {
        var started = new HashSet<string>();
        _durable.Setup(d => d.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? options, CancellationToken _) =>
            {
                started.Add(options!.InstanceId!);
                return options.InstanceId!;
            });
        _durable.Setup(d => d.GetInstancesAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, bool _, CancellationToken _) => started.Contains(id)
                ? new OrchestrationMetadata(nameof(VideoOrchestrator), id) { RuntimeStatus = OrchestrationRuntimeStatus.Running, DataConverter = JsonDataConverter.Default }
                : null);
        _durable.Setup(d => d.TerminateInstanceAsync(It.IsAny<string>(), It.IsAny<TerminateInstanceOptions?>(), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);
        var client = _app.CreateClient();
        var user = await ApiClient.RegisterAsync(client);
        var accepted = await ApiClient.ExpectAsync(
            await client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/videos", user.AccessToken, new { script = ProjectsApiTests.Script })),
            HttpStatusCode.Accepted, 0);
        var taskId = accepted.GetProperty("data").GetProperty("task_id").GetString()!;

        var cancelled = await ApiClient.ExpectAsync(
            await client.SendAsync(ApiClient.Bearer(HttpMethod.Post, $"/api/v1/tasks/{taskId}/cancel", user.AccessToken)), HttpStatusCode.OK, 0);

        Assert.Equal("cancelled", cancelled.GetProperty("data").GetProperty("status").GetString());
        _durable.Verify(d => d.TerminateInstanceAsync(
            taskId, It.Is<TerminateInstanceOptions?>(o => (string?)o!.Output == TaskCancellation.Reason), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_start_the_task_hub_refuses_is_not_answered_as_accepted()
    {
        _durable.Setup(d => d.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("Instance is already running"));
        var client = _app.CreateClient();
        var user = await ApiClient.RegisterAsync(client);

        var response = await client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/videos", user.AccessToken, new { script = ProjectsApiTests.Script }));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await ApiClient.ReadAsync(response);
        Assert.DoesNotContain("already running", body.ToString(), StringComparison.Ordinal);
    }

    private static bool IsRequestOf(object? input, string taskId, string userId) =>
        input is VideoRequest request && request.TaskId == taskId && request.UserId == userId;

    /// <summary>The app with the mocked client in place of the task hub's, and no engine running.</summary>
    private sealed class MockedHubAppFactory(DurableTaskClient durable) : StudioAppFactory
    {
        protected override bool DurableEngineRuns => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton(durable));
        }
    }
}
