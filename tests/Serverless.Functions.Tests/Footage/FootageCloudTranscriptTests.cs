using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Serverless.Captions;
using Serverless.Contracts.Footage;
using Serverless.Functions.Tests.Accounts;
using Serverless.Functions.Tests.Projects;
using Serverless.Studio.Speech;
using Serverless.Testing;
using Serverless.Testing.Providers;

namespace Serverless.Functions.Tests.Footage;

/// <summary>
/// The app with the operator's Azure OpenAI transcription deployment, played by the Azure OpenAI wire server, which
/// starts before the app so the app is configured with its address.
/// </summary>
public sealed class TranscribingAppFactory : StudioAppFactory, IAsyncLifetime
{
    public FakeAzureOpenAIServer Recognizer { get; private set; } = null!;

    public async Task InitializeAsync() => Recognizer = await FakeAzureOpenAIServer.StartAsync();

    // The app itself is disposed by xunit as IDisposable after this.
    Task IAsyncLifetime.DisposeAsync() => Recognizer.DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("AzureOpenAI:Endpoint", Recognizer.Endpoint.ToString());
        builder.UseSetting("AzureOpenAI:ApiKey", FakeAzureOpenAIServer.ApiKey);
        builder.UseSetting("AzureOpenAI:TranscriptionDeployment", "whisper");
        // A scripted failure is then the call's answer, not one of the SDK's retries.
        builder.UseSetting("AzureOpenAI:MaxRetries", "0");
    }
}

/// <summary>
/// Cloud transcription of a footage in the running engine: the worker (played on the wire) answers with its analysis
/// and the footage's sound, <c>TranscribeFootageActivity</c> sends the sound to the transcription deployment, and the
/// user reads the cloud's words in the footage's transcript and highlights and its audio minutes in their usage. The
/// cloud hears the pitch's price line differently from the worker's pocketsphinx, so whose words the user reads shows.
/// </summary>
public sealed class FootageCloudTranscriptTests(TranscribingAppFactory app) : IClassFixture<TranscribingAppFactory>
{
    private const string OfflinePrice = "and the price is only forty nine dollars with free shipping";
    private const string CloudPrice = "and the price is only fifty nine euros with airship delivery";
    private const int SampleRate = 16_000;

    private readonly HttpClient _client = app.CreateClient();
    private readonly FootageFlow _flow = new(app, app.CreateClient());

    [Fact]
    public async Task The_clouds_words_are_the_transcript_and_the_highlights_and_its_minutes_are_in_the_usage()
    {
        var talk = FootageTalk.Analysis();
        var cloud = CloudHearing(talk.Transcript.Words);
        var heard = new List<(double Seconds, string? Language)>();
        app.Recognizer.Transcribe = (piece, language) =>
        {
            lock (heard)
            {
                heard.Add((piece.DurationSeconds, language));
            }

            return cloud;
        };
        var api = new ProjectsClient(_client, app.RenderQueue);
        var user = await ApiClient.RegisterAsync(_client);

        var (footage, sound) = await AnalysedAsync(api, user, talk);

        var transcript = footage.GetProperty("transcript");
        Assert.Equal((TranscriptSources.AzureOpenAi, "en", JsonValueKind.Null),
            (transcript.GetProperty("source").GetString(), transcript.GetProperty("language").GetString(), transcript.GetProperty("note").ValueKind));
        var words = transcript.GetProperty("words").EnumerateArray().ToList();
        Assert.Equal(cloud.Select(w => w.Text), words.Select(w => w.GetProperty("text").GetString()));
        // At the times the cloud said them (the SDK reads them as single precision).
        Assert.All(cloud.Zip(words), p =>
        {
            Assert.Equal(p.First.Start, p.Second.GetProperty("start").GetDouble(), 0.001);
            Assert.Equal(p.First.End, p.Second.GetProperty("end").GetDouble(), 0.001);
        });
        Assert.Contains(CloudPrice, transcript.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("dollars", transcript.GetProperty("text").GetString(), StringComparison.Ordinal);
        // The rules' best span is the pitch, now with the cloud's price.
        var highlights = footage.GetProperty("highlights").EnumerateArray().ToList();
        Assert.True(highlights.Count >= 3, footage.ToString());
        Assert.Contains(CloudPrice, highlights[0].GetProperty("text").GetString(), StringComparison.Ordinal);

        // A talk of a minute and a half is one piece: the whole sound, asked for in English.
        var (seconds, language) = Assert.Single(heard);
        Assert.Equal((sound.DurationSeconds, "en"), (seconds, language));
        var asked = Assert.Single(app.Recognizer.Requests);
        Assert.Equal("/openai/deployments/whisper/audio/transcriptions", asked.Path);

        // Metered in audio minutes on the caller's usage, at no charge: the operator's deployment.
        var usage = (await api.SendAsync(user, HttpMethod.Get, "/api/v1/usage?period=day", null, HttpStatusCode.OK)).GetProperty("data");
        var line = Assert.Single(usage.GetProperty("items").EnumerateArray());
        Assert.Equal(("azure-openai", "transcription", 1, 0m),
            (line.GetProperty("provider").GetString(), line.GetProperty("capability").GetString(), line.GetProperty("calls").GetInt32(), line.GetProperty("cost").GetDecimal()));
        Assert.Equal(sound.DurationSeconds / 60, (double)line.GetProperty("units").GetDecimal(), 3);
    }

    [Fact]
    public async Task A_failing_recognizer_leaves_the_workers_transcript_with_a_note_and_the_footage_ready()
    {
        var talk = FootageTalk.Analysis();
        app.Recognizer.Transcribe = (_, _) => CloudHearing(talk.Transcript.Words);
        app.Recognizer.Enqueue(FakeAzureOpenAIServer.Status(500));
        var api = new ProjectsClient(_client, app.RenderQueue);
        var user = await ApiClient.RegisterAsync(_client);

        var (footage, _) = await AnalysedAsync(api, user, talk);

        var transcript = footage.GetProperty("transcript");
        Assert.Equal((TranscriptSources.Pocketsphinx, "Cloud transcription failed (HTTP 500); the offline transcript (pocketsphinx) is used."),
            (transcript.GetProperty("source").GetString(), transcript.GetProperty("note").GetString()));
        Assert.Equal(talk.Transcript.Words.Select(w => w.Text), transcript.GetProperty("words").EnumerateArray().Select(w => w.GetProperty("text").GetString()));
        Assert.Contains(OfflinePrice, footage.GetProperty("highlights")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        var usage = (await api.SendAsync(user, HttpMethod.Get, "/api/v1/usage?period=day", null, HttpStatusCode.OK)).GetProperty("data");
        // The failed call is on the usage, as is the offline stand-in that answered nothing: no minutes, no charge.
        Assert.Equal([("azure-openai", "transcription", 1, 0m, 0m), ("offline", "transcription", 1, 0m, 0m)], usage.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("provider").GetString(), i.GetProperty("capability").GetString(), i.GetProperty("calls").GetInt32(), i.GetProperty("units").GetDecimal(), i.GetProperty("cost").GetDecimal())));
    }

    /// <summary>
    /// A footage uploaded and analysed by the worker this test plays, its sound written beside the analysis: the talk's
    /// length at the worker's 16 kHz, silent (the wire server answers by script, not by listening). Answers the
    /// footage as its owner reads it, ready.
    /// </summary>
    private async Task<(JsonElement Footage, PcmAudio Sound)> AnalysedAsync(ProjectsClient api, TestUser user, FootageAnalysis talk)
    {
        var sound = new PcmAudio(new short[(int)Math.Round(talk.DurationSeconds * SampleRate)], SampleRate);
        var (footageId, taskId) = await _flow.UploadAsync(user);
        var job = (await _flow.TakeJobsAsync(footageId, 1))[0].Analysis!;
        await _flow.Worker.AnalyseAsync(job, talk, audio: BinaryData.FromBytes(sound.ToWav()));
        await api.CompletesAsync(user, taskId);
        var footage = (await api.SendAsync(user, HttpMethod.Get, $"/api/v1/footage/{footageId}", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal("ready", footage.GetProperty("status").GetString());
        return (footage, sound);
    }

    /// <summary>What the cloud hears: the worker's words, with the price line heard as <see cref="CloudPrice"/> (as many words, the same times).</summary>
    private static List<CueWord> CloudHearing(IReadOnlyList<CueWord> offline)
    {
        var (said, heard) = (OfflinePrice.Split(' '), CloudPrice.Split(' '));
        var at = Enumerable.Range(0, offline.Count - said.Length + 1).Single(i => offline.Skip(i).Take(said.Length).Select(w => w.Text).SequenceEqual(said));
        return offline.Select((w, i) => i >= at && i < at + said.Length ? w with { Text = heard[i - at] } : w).ToList();
    }
}
