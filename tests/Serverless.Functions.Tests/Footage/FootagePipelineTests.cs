using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Serverless.Captions;
using Serverless.Contracts;
using Serverless.Contracts.Footage;
using Serverless.Contracts.Rendering;
using Serverless.Functions.Tests.Accounts;
using Serverless.Functions.Tests.Projects;
using Serverless.Functions.Tests.Providers;
using Serverless.Studio.Pipeline;
using Serverless.Testing;

namespace Serverless.Functions.Tests.Footage;

/// <summary>
/// The footage orchestrations on the real engine, with this test playing the footage worker on the wire: it takes the
/// jobs off the app's footage queue, writes what a worker writes, and answers on the results queue. A user's own chat
/// provider is played by the OpenAI wire server.
/// </summary>
public sealed class FootagePipelineTests(StudioAppFactory app) : IClassFixture<StudioAppFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = app.CreateClient();
    private readonly FootageFlow _flow = new(app, app.CreateClient());
    private OpenAIWireServer _chat = null!;

    public async Task InitializeAsync() => _chat = await OpenAIWireServer.StartAsync();

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task An_analysed_footage_gets_highlights_and_a_batch_of_clips_each_downloadable_and_zipped()
    {
        var api = new ProjectsClient(_client, app.RenderQueue);
        var user = await ApiClient.RegisterAsync(_client);
        var footageId = await AnalysedAsync(api, user);

        var footage = (await api.SendAsync(user, HttpMethod.Get, $"/api/v1/footage/{footageId}", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal("ready", footage.GetProperty("status").GetString());
        Assert.Equal("sentences", footage.GetProperty("highlight_units").GetString());
        Assert.Contains("forty nine dollars", footage.GetProperty("transcript").GetProperty("text").GetString(), StringComparison.Ordinal);
        var highlights = footage.GetProperty("highlights").EnumerateArray().ToList();
        Assert.True(highlights.Count >= 3, footage.ToString());
        Assert.Contains("forty nine dollars", highlights[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.All(highlights, h => Assert.InRange(h.GetProperty("end").GetDouble() - h.GetProperty("start").GetDouble(), 15, 60));
        // No chat model serves this user (the test app configures no Azure OpenAI): the rules' scores, nothing billed.
        Assert.All(highlights, h => Assert.Equal(("rules", JsonValueKind.Null), (h.GetProperty("scored_by").GetString(), h.GetProperty("title").ValueKind)));
        Assert.Empty((await api.SendAsync(user, HttpMethod.Get, "/api/v1/usage?period=day", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("items").EnumerateArray());

        var batch = ProjectsClient.TaskIdOf(await api.SendAsync(user, HttpMethod.Post, $"/api/v1/footage/{footageId}/clips",
            new { highlights = new[] { "hl_1", "hl_2" }, platform_preset = "douyin", subtitle_style = "karaoke" }, HttpStatusCode.Accepted));
        var clipJobs = (await TakeJobsAsync(footageId, 2)).Select(j => j.Clip!).ToList();
        foreach (var clip in clipJobs)
        {
            Assert.Equal((1080, 1920, -14.0, "karaoke"), (clip.Output.Width, clip.Output.Height, clip.LoudnessTarget, clip.SubtitleStyle));
            Assert.NotEmpty(clip.Words);
            Assert.All(clip.Words, w => Assert.InRange(w.Start, clip.Start, clip.End));
            Assert.StartsWith($"{user.UserId}/{footageId}/clips/", clip.Destination.Path, StringComparison.Ordinal);
        }

        // A result naming a video outside the footage's folder is refused; the worker's real answer lands.
        var first = clipJobs[0];
        await ReportAsync(JobResult.Completed(batch, new RenderCompleted
        {
            JobId = first.JobId, Succeeded = true, Video = first.Destination with { Path = $"someone-else/{footageId}/clips/x.mp4" }, DurationSeconds = 20,
        }));
        foreach (var clip in clipJobs)
        {
            await _flow.Worker.Blobs.GetBlobContainerClient(clip.Destination.Container).GetBlobClient(clip.Destination.Path).UploadAsync(BinaryData.FromString($"video of {clip.ClipId}"), overwrite: true);
            await ReportAsync(JobResult.Completed(batch, new RenderCompleted
            {
                JobId = clip.JobId, Succeeded = true, Video = clip.Destination, DurationSeconds = clip.End - clip.Start, SizeBytes = 20,
                Qc = new Dictionary<string, QualityCheck> { ["duration"] = new(clip.End - clip.Start, true) },
            }));
        }

        await api.CompletesAsync(user, batch);
        var listed = (await api.SendAsync(user, HttpMethod.Get, $"/api/v1/footage/{footageId}/clips", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(2, listed.GetProperty("done").GetInt32());
        using var storage = new HttpClient();
        foreach (var clip in listed.GetProperty("clips").EnumerateArray())
        {
            Assert.Equal("done", clip.GetProperty("status").GetString());
            Assert.True(clip.GetProperty("qc").GetProperty("duration").GetProperty("passed").GetBoolean());
            var body = await storage.GetStringAsync(clip.GetProperty("download_url").GetString());
            Assert.Equal($"video of {clip.GetProperty("id").GetString()}", body);
        }

        var zipLink = (await api.SendAsync(user, HttpMethod.Get, $"/api/v1/footage/{footageId}/clips/zip", null, HttpStatusCode.OK)).GetProperty("data");
        using var zip = new ZipArchive(new MemoryStream(await storage.GetByteArrayAsync(zipLink.GetProperty("download_url").GetString())));
        Assert.Equal(2, zip.Entries.Count);
        Assert.All(zip.Entries, e => Assert.EndsWith(".mp4", e.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_owners_chat_model_judges_the_highlights_in_the_analysis_and_its_tokens_are_billed_to_the_task()
    {
        const decimal inputPer1k = 0.5m, outputPer1k = 1.5m;
        var api = new ProjectsClient(_client, app.RenderQueue);
        var user = await ApiClient.RegisterAsync(_client);
        var providerId = (await api.SendAsync(user, HttpMethod.Post, "/api/v1/providers", new
        {
            kind = "openai-compatible",
            name = "judge",
            base_url = _chat.BaseUrl,
            api_key = "sk-judge-" + Guid.NewGuid().ToString("N"),
            models = new { chat = new[] { "gpt-4o-mini" } },
            prices = new { chat_input_per_1k_tokens = inputPer1k, chat_output_per_1k_tokens = outputPer1k },
        }, HttpStatusCode.Created)).GetProperty("data").GetProperty("provider_id").GetString()!;

        // The model likes the rules' last candidate and none of the others.
        var sent = new List<(string Id, string Transcript)>();
        _chat.ChatAnswer = prompt =>
        {
            var candidates = JsonNode.Parse(prompt[prompt.LastIndexOf("Candidates:", StringComparison.Ordinal)..].Split('\n', 2)[1])!.AsArray();
            sent = candidates.Select(c => (c!["id"]!.GetValue<string>(), c["transcript"]!.GetValue<string>())).ToList();
            return new JsonObject
            {
                ["candidates"] = new JsonArray(sent.Select((c, i) => (JsonNode)new JsonObject
                {
                    ["id"] = c.Id,
                    ["score"] = i == sent.Count - 1 ? 1.0 : 0.0,
                    ["selling_point"] = $"selling point of {c.Id}",
                    ["hook"] = $"hook of {c.Id}",
                    ["title"] = $"title of {c.Id}",
                }).ToArray()),
            }.ToJsonString();
        };
        var footageId = await AnalysedAsync(api, user);

        var footage = (await api.SendAsync(user, HttpMethod.Get, $"/api/v1/footage/{footageId}", null, HttpStatusCode.OK)).GetProperty("data");
        var highlights = footage.GetProperty("highlights").EnumerateArray().ToList();
        Assert.True(sent.Count >= 3, footage.ToString());
        Assert.Equal(sent.Count, highlights.Count);
        var favourite = sent[^1];
        var first = highlights[0];
        Assert.Equal(("hl_1", favourite.Transcript, "llm"), (first.GetProperty("id").GetString(), first.GetProperty("text").GetString(), first.GetProperty("scored_by").GetString()));
        Assert.Equal(($"title of {favourite.Id}", $"hook of {favourite.Id}", $"selling point of {favourite.Id}"),
            (first.GetProperty("title").GetString(), first.GetProperty("hook").GetString(), first.GetProperty("selling_point").GetString()));
        Assert.StartsWith($"selling point of {favourite.Id} (model 1.00); ", first.GetProperty("reason").GetString(), StringComparison.Ordinal);
        // The rules' best (the price, the question answered) comes second now; among the rest the rules' order holds.
        Assert.Equal(sent.SkipLast(1).Select(c => c.Transcript), highlights.Skip(1).Select(h => h.GetProperty("text").GetString()));
        Assert.Contains("forty nine dollars", highlights[1].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.All(highlights, h => Assert.Equal("llm", h.GetProperty("scored_by").GetString()));
        Assert.Equal(JsonValueKind.Null, footage.GetProperty("note").ValueKind);

        var call = Assert.Single(_chat.Requests, r => r.Path == "/v1/chat/completions");
        Assert.Equal("gpt-4o-mini", call.Model);
        var expected = (OpenAIWireServer.ChatInputTokens * inputPer1k + OpenAIWireServer.ChatOutputTokens * outputPer1k) / 1000;
        var usage = (await api.SendAsync(user, HttpMethod.Get, "/api/v1/usage?period=day", null, HttpStatusCode.OK)).GetProperty("data");
        var line = Assert.Single(usage.GetProperty("items").EnumerateArray());
        Assert.Equal((providerId, "chat", 1), (line.GetProperty("provider").GetString(), line.GetProperty("capability").GetString(), line.GetProperty("calls").GetInt32()));
        Assert.Equal(expected, line.GetProperty("cost").GetDecimal());
    }

    [Fact]
    public async Task A_chat_reply_that_is_no_judgement_leaves_the_rules_highlights_and_the_footage_ready()
    {
        var api = new ProjectsClient(_client, app.RenderQueue);
        var user = await ApiClient.RegisterAsync(_client);
        await api.SendAsync(user, HttpMethod.Post, "/api/v1/providers", new
        {
            kind = "openai-compatible",
            name = "chatty",
            base_url = _chat.BaseUrl,
            api_key = "sk-chatty-" + Guid.NewGuid().ToString("N"),
            models = new { chat = new[] { "gpt-4o-mini" } },
        }, HttpStatusCode.Created);
        _chat.ChatAnswer = null; // the wire server echoes the prompt: prose, not the JSON asked for

        var footageId = await AnalysedAsync(api, user);

        var footage = (await api.SendAsync(user, HttpMethod.Get, $"/api/v1/footage/{footageId}", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal("ready", footage.GetProperty("status").GetString());
        var highlights = footage.GetProperty("highlights").EnumerateArray().ToList();
        Assert.True(highlights.Count >= 3, footage.ToString());
        Assert.Contains("forty nine dollars", highlights[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.All(highlights, h => Assert.Equal("rules", h.GetProperty("scored_by").GetString()));
        Assert.Contains("could not be used (the reply was not JSON)", footage.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_owner_gets_short_lived_read_links_to_the_proxy_and_thumbnails_that_read_nothing_else()
    {
        var api = new ProjectsClient(_client, app.RenderQueue);
        var user = await ApiClient.RegisterAsync(_client);
        var (footageId, taskId) = await UploadAsync(user);
        var uploading = (await api.SendAsync(user, HttpMethod.Get, $"/api/v1/footage/{footageId}", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(JsonValueKind.Null, uploading.GetProperty("proxy").ValueKind);
        Assert.Empty(uploading.GetProperty("thumbnails").EnumerateArray());
        var job = (await TakeJobsAsync(footageId, 1))[0].Analysis!;
        await _flow.Worker.AnalyseAsync(job, FootageTalk.Analysis());
        await api.CompletesAsync(user, taskId);

        var asked = DateTimeOffset.UtcNow;
        var footage = (await api.SendAsync(user, HttpMethod.Get, $"/api/v1/footage/{footageId}", null, HttpStatusCode.OK)).GetProperty("data");
        var proxy = footage.GetProperty("proxy");
        using var storage = new HttpClient();
        var proxyUrl = new Uri(proxy.GetProperty("url").GetString()!);
        Assert.Equal($"proxy of {footageId}", await storage.GetStringAsync(proxyUrl));
        Assert.InRange(proxy.GetProperty("expires_at").GetDateTimeOffset(), asked, asked.AddMinutes(16));
        var thumbnails = footage.GetProperty("thumbnails").EnumerateArray().ToList();
        Assert.Equal(2, thumbnails.Count);
        Assert.Equal($"thumb-01.jpg of {footageId}", await storage.GetStringAsync(thumbnails[1].GetProperty("url").GetString()));

        // The link reads its one blob: not the source beside it, and it cannot write.
        var sibling = new UriBuilder(proxyUrl) { Path = proxyUrl.AbsolutePath.Replace("proxy.mp4", "analysis.json", StringComparison.Ordinal) }.Uri;
        Assert.Equal(HttpStatusCode.Forbidden, (await storage.GetAsync(sibling)).StatusCode);
        using var overwrite = new HttpRequestMessage(HttpMethod.Put, proxyUrl) { Content = new ByteArrayContent(new byte[4]) };
        overwrite.Headers.Add("x-ms-blob-type", "BlockBlob");
        Assert.Equal(HttpStatusCode.Forbidden, (await storage.SendAsync(overwrite)).StatusCode);

        // Another user learns nothing of it.
        var stranger = await ApiClient.RegisterAsync(_client);
        await api.SendAsync(stranger, HttpMethod.Get, $"/api/v1/footage/{footageId}", null, HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task A_footage_the_worker_refuses_fails_its_task_with_the_stable_code_and_our_words()
    {
        var api = new ProjectsClient(_client, app.RenderQueue);
        var user = await ApiClient.RegisterAsync(_client);
        var (footageId, taskId) = await UploadAsync(user);
        var job = (await TakeJobsAsync(footageId, 1))[0].Analysis!;
        await ReportAsync(JobResult.Completed(taskId, new FootageAnalysisCompleted
        {
            JobId = job.JobId, Succeeded = false, ErrorCode = FootageErrorCodes.NoAudio, Error = "ffprobe: /tmp/job-1/source.mp4 has 0 audio streams",
        }));

        var task = await api.WaitForTaskAsync(user, taskId, "completed", "failed");
        Assert.Equal("failed", task.GetProperty("status").GetString());
        var error = task.GetProperty("error");
        Assert.Equal(10002, error.GetProperty("code").GetInt32());
        Assert.StartsWith("footage_no_audio: ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("/tmp", task.ToString(), StringComparison.Ordinal);
        var footage = (await api.SendAsync(user, HttpMethod.Get, $"/api/v1/footage/{footageId}", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal("failed", footage.GetProperty("status").GetString());
        Assert.StartsWith("footage_no_audio: ", footage.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_span_the_user_dragged_is_cut_in_the_nearest_silences_and_one_out_of_bounds_is_refused_by_field()
    {
        var api = new ProjectsClient(_client, app.RenderQueue);
        var user = await ApiClient.RegisterAsync(_client);
        var footageId = await AnalysedAsync(api, user);
        var footage = (await api.SendAsync(user, HttpMethod.Get, $"/api/v1/footage/{footageId}", null, HttpStatusCode.OK)).GetProperty("data");
        var first = footage.GetProperty("highlights")[0];
        var (start, end, duration) = (first.GetProperty("start").GetDouble(), first.GetProperty("end").GetDouble(), footage.GetProperty("duration").GetDouble());

        var refusals = new (object Span, string Field)[]
        {
            (new { start = -1.0, end = 20.0 }, "spans[0]"),
            (new { start = 10.0, end = duration + 1 }, "spans[0]"),
            (new { start = 10.0, end = 14.0 }, "spans[0]"),
            (new { start = 10.0, end = 71.0 }, "spans[0]"),
            (new { start = 30.0 }, "spans[0]"),
            (new { highlight_id = "hl_99", start = 10.0, end = 30.0 }, "spans[0].highlight_id"),
        };
        foreach (var (span, field) in refusals)
        {
            var refused = await api.SendAsync(user, HttpMethod.Post, $"/api/v1/footage/{footageId}/clips",
                new { spans = new[] { span }, platform_preset = "douyin" }, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
            Assert.Equal(field, refused.GetProperty("error").GetProperty("field").GetString());
        }

        var tooMany = await api.SendAsync(user, HttpMethod.Post, $"/api/v1/footage/{footageId}/clips",
            new { spans = Enumerable.Repeat(new { start = 10.0, end = 30.0 }, 201), platform_preset = "douyin" }, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        Assert.Equal("spans", tooMany.GetProperty("error").GetProperty("field").GetString());

        // The start dragged a sentence in (or out), 0.3 s before that sentence's first word: the cut moves to the picker's
        // cut in that silence, clear of every word.
        var words = FootageTalk.Analysis().Transcript.Words;
        var firsts = words.Skip(1).Where((w, i) => w.Start - words[i].End > 0.5).ToList();
        var sentence = end - start > 25 ? firsts.First(w => w.Start > start + 1) : firsts.Last(w => w.Start < start - 1);
        var asked = sentence.Start - 0.3;
        var batch = ProjectsClient.TaskIdOf(await api.SendAsync(user, HttpMethod.Post, $"/api/v1/footage/{footageId}/clips",
            new { spans = new[] { new { highlight_id = "hl_1", start = asked, end } }, platform_preset = "douyin" }, HttpStatusCode.Accepted));
        var clip = (await TakeJobsAsync(footageId, 1))[0].Clip!;
        Assert.InRange(clip.Start, sentence.Start - 0.8, sentence.Start - 0.08);
        Assert.NotEqual(asked, clip.Start);
        Assert.Equal(end, clip.End, 3);
        Assert.DoesNotContain(words, w => clip.Start > w.Start - 0.08 && clip.Start < w.End + 0.08);
        Assert.All(clip.Words, w => Assert.InRange(w.Start, clip.Start, clip.End));

        var listed = (await api.SendAsync(user, HttpMethod.Get, $"/api/v1/footage/{footageId}/clips", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("clips")[0];
        Assert.Equal((batch, clip.Start), (listed.GetProperty("task_id").GetString(), listed.GetProperty("start").GetDouble()));
        var adjusted = (await api.SendAsync(user, HttpMethod.Get, $"/api/v1/footage/{footageId}", null, HttpStatusCode.OK)).GetProperty("data")
            .GetProperty("highlights").EnumerateArray().Single(h => h.GetProperty("id").GetString() == listed.GetProperty("highlight_id").GetString());
        Assert.EndsWith("edges moved by the user", adjusted.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A footage uploaded and analysed by the worker this test plays (<see cref="FootageTalk"/>), ready for clips.</summary>
    private async Task<string> AnalysedAsync(ProjectsClient api, TestUser user)
    {
        var (footageId, taskId) = await UploadAsync(user);
        var job = (await TakeJobsAsync(footageId, 1))[0].Analysis!;
        Assert.Equal((taskId, 1800.0, 2048L * 1024 * 1024), (job.OrchestrationInstanceId, job.Limits.MaxDurationSeconds, job.Limits.MaxSizeBytes));
        Assert.Equal($"{user.UserId}/{footageId}/analysis", job.OutputFolder.Path);
        await _flow.Worker.AnalyseAsync(job, FootageTalk.Analysis());
        await api.CompletesAsync(user, taskId);
        return footageId;
    }

    private Task<(string FootageId, string TaskId)> UploadAsync(TestUser user) => _flow.UploadAsync(user);

    private Task ReportAsync(JobResult result) => _flow.Worker.ReportAsync(result);

    private Task<List<FootageJob>> TakeJobsAsync(string footageId, int count) => _flow.TakeJobsAsync(footageId, count);
}
