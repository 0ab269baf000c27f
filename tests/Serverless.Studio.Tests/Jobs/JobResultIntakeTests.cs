using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Moq;
using Serverless.Contracts;
using Serverless.Contracts.Inference;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Jobs;
using Serverless.Studio.Tests.Providers;

namespace Serverless.Studio.Tests.Jobs;

/// <summary>
/// Results from the render-results queue become an orchestration's event only for a job that orchestration issued,
/// with output in the job's place. Issued jobs are real blobs on Azurite; the Durable Task client is mocked, since the
/// function app provides it.
/// </summary>
public sealed class JobResultIntakeTests : IAsyncLifetime
{
    private readonly BlobServiceClient _blobs = new("UseDevelopmentStorage=true");
    private readonly Mock<DurableTaskClient> _durable = new("test");
    private readonly CapturedLogs _logs = new();
    private readonly string _instance = $"video-{Guid.NewGuid():N}";
    private readonly IssuedJobs _issued;
    private readonly JobResultIntake _intake;
    private RenderJob _job = null!;

    public JobResultIntakeTests()
    {
        _issued = new IssuedJobs(_blobs);
        _intake = new JobResultIntake(_issued, _durable.Object, new LoggerFactory([_logs]).CreateLogger<JobResultIntake>());
        _durable.Setup(d => d.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, bool _, CancellationToken _) => new OrchestrationMetadata("VideoOrchestrator", id) { RuntimeStatus = OrchestrationRuntimeStatus.Running });
    }

    public async Task InitializeAsync()
    {
        _job = new RenderJob
        {
            JobId = "task-1-render",
            UserId = "user-1",
            ProjectId = "project-1",
            OrchestrationInstanceId = _instance,
            Output = new RenderOutput { Width = 360, Height = 640 },
            Shots = [new RenderShot { Image = new BlobRef("assets", "user-1/project-1/shots/1.png"), Duration = 2 }],
            Destination = new BlobRef("renders", "user-1/project-1/task-1.mp4"),
        };
        await _issued.RecordAsync(IssuedJob.For(_instance, _job));
    }

    public async Task DisposeAsync()
    {
        var jobs = _blobs.GetBlobContainerClient(IssuedJobBlobs.Container);
        await foreach (var blob in jobs.GetBlobsAsync(BlobTraits.None, BlobStates.None, _instance + "/", CancellationToken.None))
        {
            await jobs.DeleteBlobIfExistsAsync(blob.Name);
        }
    }

    [Fact]
    public async Task A_finished_render_of_an_issued_job_raises_the_orchestrations_event()
    {
        var completed = Completed(_job.Destination);

        var outcome = await _intake.AcceptAsync(JobResult.Completed(_instance, completed), CancellationToken.None);

        Assert.True(outcome.IsAccepted, outcome.Reason);
        _durable.Verify(d => d.RaiseEventAsync(_instance, RenderCompleted.EventName, completed, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Progress_of_an_issued_job_raises_the_progress_event()
    {
        var report = new RenderProgressReport(_job.JobId, 42.5, "encoding", 12);

        var outcome = await _intake.AcceptAsync(JobResult.Progress(_instance, report), CancellationToken.None);

        Assert.True(outcome.IsAccepted, outcome.Reason);
        _durable.Verify(d => d.RaiseEventAsync(_instance, RenderProgressReport.EventName, report, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_result_of_a_job_never_issued_is_refused_with_a_warning_and_raises_nothing()
    {
        var completed = Completed(_job.Destination) with { JobId = "task-9-render" };

        var outcome = await _intake.AcceptAsync(JobResult.Completed(_instance, completed), CancellationToken.None);

        AssertRefused(outcome, "issued no such job");
    }

    [Fact]
    public async Task A_result_of_another_orchestrations_job_is_refused()
    {
        var other = $"video-{Guid.NewGuid():N}";

        var outcome = await _intake.AcceptAsync(JobResult.Completed(other, Completed(_job.Destination)), CancellationToken.None);

        AssertRefused(outcome, "issued no such job");
        _durable.Verify(d => d.GetInstanceAsync(It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData("renders", "user-2/project-1/task-1.mp4")]
    [InlineData("renders", "user-1/project-2/task-1.mp4")]
    [InlineData("assets", "user-1/project-1/task-1.mp4")]
    [InlineData("renders", "user-1/project-1/../../user-2/project-1/task-1.mp4")]
    public async Task A_render_whose_video_lies_outside_the_projects_renders_is_refused(string container, string path)
    {
        var outcome = await _intake.AcceptAsync(JobResult.Completed(_instance, Completed(new BlobRef(container, path))), CancellationToken.None);

        AssertRefused(outcome, "lies outside renders/user-1/project-1/");
    }

    [Fact]
    public async Task An_inference_result_with_its_output_elsewhere_is_refused()
    {
        var inference = new InferenceCompleted { JobId = _job.JobId, Succeeded = true, Output = new BlobRef("assets", "user-2/speech.json") };

        var outcome = await _intake.AcceptAsync(JobResult.Completed(_instance, inference), CancellationToken.None);

        AssertRefused(outcome, "lies outside");
    }

    [Fact]
    public async Task A_message_with_two_payloads_or_a_payload_of_another_job_is_refused()
    {
        var both = JobResult.Completed(_instance, Completed(_job.Destination)) with { RenderProgress = new RenderProgressReport(_job.JobId, 1, "downloading", null) };
        var mismatched = JobResult.Completed(_instance, Completed(_job.Destination)) with { JobId = "task-9-render" };

        AssertRefused(await _intake.AcceptAsync(both, CancellationToken.None), "exactly one");
        AssertRefused(await _intake.AcceptAsync(mismatched, CancellationToken.None), "the payload names job task-1-render");
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(null)]
    public async Task A_result_for_an_ended_orchestration_writes_the_jobs_ended_marker_and_raises_nothing(OrchestrationRuntimeStatus? status)
    {
        _durable.Setup(d => d.GetInstanceAsync(_instance, It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(status is { } s ? new OrchestrationMetadata("VideoOrchestrator", _instance) { RuntimeStatus = s } : null);

        var outcome = await _intake.AcceptAsync(JobResult.Progress(_instance, new RenderProgressReport(_job.JobId, 10, "encoding", null)), CancellationToken.None);

        Assert.Equal(JobResultDisposition.OrchestrationEnded, outcome.Disposition);
        Assert.True(await _blobs.GetBlobContainerClient(IssuedJobBlobs.Container).GetBlobClient(IssuedJobBlobs.EndedMarker(_instance, _job.JobId)).ExistsAsync());
        _durable.Verify(d => d.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Recording_the_same_job_twice_keeps_one_record()
    {
        await _issued.RecordAsync(IssuedJob.For(_instance, _job));

        var names = new List<string>();
        await foreach (var blob in _blobs.GetBlobContainerClient(IssuedJobBlobs.Container).GetBlobsAsync(BlobTraits.None, BlobStates.None, _instance + "/", CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        Assert.Equal([IssuedJobBlobs.Record(_instance, _job.JobId)], names);
        Assert.Equal(new IssuedJob(_instance, _job.JobId, "user-1", "project-1", "renders", "user-1/project-1/"), await _issued.FindAsync(_instance, _job.JobId));
    }

    private RenderCompleted Completed(BlobRef video) => new()
    {
        JobId = _job.JobId,
        Succeeded = true,
        Video = video,
        Thumbnail = new BlobRef(video.Container, Path.ChangeExtension(video.Path, ".jpg")),
        DurationSeconds = 6,
    };

    private void AssertRefused(JobResultOutcome outcome, string reasonPart)
    {
        Assert.Equal(JobResultDisposition.Refused, outcome.Disposition);
        Assert.Contains(reasonPart, outcome.Reason, StringComparison.Ordinal);
        _durable.Verify(d => d.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains(reasonPart, StringComparison.Ordinal));
    }
}
