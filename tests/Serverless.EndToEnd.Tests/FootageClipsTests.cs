using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Serverless.Cli.Api;
using Serverless.Contracts;
using Serverless.Contracts.Footage;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests;

/// <summary>
/// The project's own five-minute talk (festival English with pauses, product words and a price, scenes with motion and
/// cuts, then Mandarin) uploaded in blocks as the CLI does, analysed and clipped by the real worker: one run that every
/// assertion shares, as it is the suite's longest.
/// </summary>
[Collection(StudioStackCollection.Name)]
public sealed class FootageClipsTests(StudioStack stack)
{
    private const double CutMargin = 0.08;

    [Fact]
    public async Task A_talk_yields_highlights_cut_in_silences_and_clips_that_pass_their_self_check()
    {
        var made = await TestFootage.MakeAsync(TestFootage.Full);
        var length = new FileInfo(made.Path).Length;
        var upload = await stack.Client.DataAsync(await stack.Client.PostJsonAsync("api/v1/footage",
            JsonSerializer.Serialize(new { file_name = "talk.mp4", size_bytes = length })));
        var footageId = upload.GetProperty("footage_id").GetString()!;
        await using (var file = File.OpenRead(made.Path))
        {
            var link = new BlockBlobClient(new Uri(upload.GetProperty("upload_url").GetString()!));
            await new ResumableUpload(link, 4 * 1024 * 1024).SendAsync(file, length);
        }

        var analysis = await stack.Client.DataAsync(await stack.Client.PostJsonAsync($"api/v1/footage/{footageId}/complete", "{}"));
        var analysed = await stack.Client.WaitForTaskAsync(analysis.GetProperty("task_id").GetString()!, TimeSpan.FromMinutes(15));
        Assert.True(analysed.GetProperty("status").GetString() == "completed", analysed.ToString());

        var footage = await stack.Client.DataAsync(await stack.Client.GetAsync($"api/v1/footage/{footageId}"));
        Assert.Equal(("ready", "sentences"), (footage.GetProperty("status").GetString(), footage.GetProperty("highlight_units").GetString()));
        var highlights = footage.GetProperty("highlights").EnumerateArray().ToList();
        Assert.True(highlights.Count >= 3, footage.GetProperty("highlights").ToString());

        // The studio's preview: the worker's 540 px proxy and its thumbnails, through the view's short-lived links.
        using (var storage = new HttpClient())
        {
            var proxy = await storage.GetByteArrayAsync(footage.GetProperty("proxy").GetProperty("url").GetString());
            Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(proxy, 4, 4));
            var thumbnails = footage.GetProperty("thumbnails").EnumerateArray().ToList();
            Assert.Equal(4, thumbnails.Count);
            var still = await storage.GetByteArrayAsync(thumbnails[0].GetProperty("url").GetString());
            Assert.Equal([0xFF, 0xD8], still[..2]);
        }

        // Every cut in a silence: no speech the worker's voice detector heard within 80 ms of it.
        var measured = await AnalysisAsync(footageId);
        foreach (var h in highlights)
        {
            foreach (var cut in new[] { h.GetProperty("start").GetDouble(), h.GetProperty("end").GetDouble() })
            {
                var near = measured.SpeechRegions.FirstOrDefault(r => cut > r.Start - CutMargin && cut < r.End + CutMargin);
                Assert.True(near is null, $"{h.GetProperty("id")} cuts at {cut:0.000} s, within {CutMargin} s of speech {near}");
            }
        }

        var batch = await stack.Client.DataAsync(await stack.Client.PostJsonAsync($"api/v1/footage/{footageId}/clips",
            JsonSerializer.Serialize(new { count = 3, platform_preset = "douyin" })));
        var rendered = await stack.Client.WaitForTaskAsync(batch.GetProperty("task_id").GetString()!, TimeSpan.FromMinutes(20));
        Assert.True(rendered.GetProperty("status").GetString() == "completed", rendered.ToString());
        var clips = (await stack.Client.DataAsync(await stack.Client.GetAsync($"api/v1/footage/{footageId}/clips"))).GetProperty("clips").EnumerateArray().ToList();
        Assert.Equal(3, clips.Count);
        foreach (var clip in clips)
        {
            Assert.True(clip.GetProperty("status").GetString() == "done", clip.ToString());
            Assert.All(clip.GetProperty("qc").EnumerateObject(), check => Assert.True(check.Value.GetProperty("passed").GetBoolean(), $"{check.Name}: {check.Value}"));
            Assert.StartsWith("http", clip.GetProperty("download_url").GetString(), StringComparison.Ordinal);
        }
    }

    private async Task<FootageAnalysis> AnalysisAsync(string footageId)
    {
        var blob = new BlobServiceClient(LocalStack.StorageConnectionString).GetBlobContainerClient("footage")
            .GetBlobClient($"{stack.UserId}/{footageId}/analysis/{FootageOutputs.Analysis}");
        return JsonSerializer.Deserialize<FootageAnalysis>((await blob.DownloadContentAsync()).Value.Content, JobJson.Options)!;
    }
}
