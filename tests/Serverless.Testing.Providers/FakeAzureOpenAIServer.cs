using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Studio.Speech;
using SkiaSharp;

namespace Serverless.Testing.Providers;

/// <summary>
/// Kestrel on 127.0.0.1 and a random port answering in Azure OpenAI's wire format: chat completions, image
/// generations, speech and transcriptions (multipart in, <c>verbose_json</c> with word times out, the words from
/// <see cref="Transcribe"/>) under /openai/deployments/{deployment}/. Scripted responses (errors, 429, hangs) are
/// served first, in order; after them every request succeeds.
/// </summary>
public sealed class FakeAzureOpenAIServer : IAsyncDisposable
{
    public const string ApiKey = "test-key-not-a-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _scripted = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private FakeAzureOpenAIServer(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>The assistant message content chat completions answer with.</summary>
    public string ChatContent { get; set; } = """{"shots":[]}""";

    /// <summary>
    /// The words (seconds into the received piece) a transcription request answers with, from its audio and language;
    /// null answers none.
    /// </summary>
    public Func<PcmAudio, string?, IReadOnlyList<Serverless.Captions.CueWord>>? Transcribe { get; set; }

    /// <summary>Seconds of the tone speech requests answer with.</summary>
    public double SpeechSeconds { get; set; } = 1.0;

    public static async Task<FakeAzureOpenAIServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeAzureOpenAIServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.Endpoint = new Uri(address + "/");
        return server;
    }

    public void Enqueue(Func<HttpContext, Task> response) => _scripted.Enqueue(response);

    public static Func<HttpContext, Task> Status(int status) => async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var error = new JsonObject { ["error"] = new JsonObject { ["code"] = $"{status}", ["message"] = $"Scripted failure {status}." } };
        await context.Response.WriteAsync(error.ToJsonString());
    };

    public static Func<HttpContext, Task> TooManyRequests(int retryAfterSeconds) => async context =>
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers["retry-after"] = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""{"error":{"code":"429","message":"Rate limit is exceeded."}}""");
    };

    /// <summary>Never answers: the client must time out.</summary>
    public static Func<HttpContext, Task> Hang() => async context =>
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, which is what this response is for.
        }
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var transcription = path.EndsWith("/audio/transcriptions", StringComparison.Ordinal);
        IFormCollection? form = null;
        string body;
        if (transcription && context.Request.HasFormContentType)
        {
            // Multipart: the recorded body is the form's fields and the file's size, not its bytes.
            form = await context.Request.ReadFormAsync();
            body = string.Join("&", form.Select(f => $"{f.Key}={f.Value}").Append($"file_bytes={form.Files.GetFile("file")?.Length ?? 0}"));
        }
        else
        {
            using var reader = new StreamReader(context.Request.Body);
            body = await reader.ReadToEndAsync();
        }

        _requests.Enqueue(new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.QueryString.Value ?? "",
            context.Request.Headers["api-key"].FirstOrDefault(),
            body));

        if (context.Request.Headers["api-key"] != ApiKey)
        {
            await Status(StatusCodes.Status401Unauthorized)(context);
            return;
        }

        if (_scripted.TryDequeue(out var scripted))
        {
            await scripted(context);
            return;
        }

        if (transcription && form?.Files.GetFile("file") is { } file)
        {
            await WriteJsonAsync(context, await TranscriptionAsync(file, form["language"].FirstOrDefault()));
        }
        else if (path.EndsWith("/chat/completions", StringComparison.Ordinal))
        {
            await WriteJsonAsync(context, ChatCompletion(ChatContent));
        }
        else if (path.EndsWith("/images/generations", StringComparison.Ordinal))
        {
            var size = JsonNode.Parse(body)?["size"]?.GetValue<string>() ?? "1024x1024";
            var (width, height) = (int.Parse(size.Split('x')[0]), int.Parse(size.Split('x')[1]));
            await WriteJsonAsync(context, new JsonObject
            {
                ["created"] = 1_700_000_000,
                ["data"] = new JsonArray(new JsonObject { ["b64_json"] = Convert.ToBase64String(RedPicture(width, height)), ["revised_prompt"] = "a red frame" }),
            });
        }
        else if (path.EndsWith("/audio/speech", StringComparison.Ordinal))
        {
            context.Response.ContentType = "audio/wav";
            await context.Response.Body.WriteAsync(StreamedWav(SpeechSeconds));
        }
        else
        {
            await Status(StatusCodes.Status404NotFound)(context);
        }
    }

    private static JsonObject ChatCompletion(string content) => new()
    {
        ["id"] = "chatcmpl-test",
        ["object"] = "chat.completion",
        ["created"] = 1_700_000_000,
        ["model"] = "gpt-4o",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["finish_reason"] = "stop",
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 321, ["completion_tokens"] = 45, ["total_tokens"] = 366 },
    };

    private async Task<JsonObject> TranscriptionAsync(IFormFile file, string? language)
    {
        using var bytes = new MemoryStream();
        await file.CopyToAsync(bytes);
        var audio = PcmAudio.FromWav(bytes.ToArray());
        var words = Transcribe?.Invoke(audio, language) ?? [];
        return new JsonObject
        {
            ["task"] = "transcribe",
            ["language"] = language == "zh" ? "chinese" : "english",
            ["duration"] = audio.DurationSeconds,
            ["text"] = string.Join(" ", words.Select(w => w.Text)),
            ["words"] = new JsonArray(words.Select(w => (JsonNode)new JsonObject { ["word"] = w.Text, ["start"] = w.Start, ["end"] = w.End }).ToArray()),
        };
    }

    private static async Task WriteJsonAsync(HttpContext context, JsonNode json)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json.ToJsonString());
    }

    private static byte[] RedPicture(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(new SKColor(200, 30, 30));
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A 24 kHz tone as the service streams it: RIFF and data sizes left as placeholders.</summary>
    private static byte[] StreamedWav(double seconds)
    {
        const int rate = 24_000;
        var samples = new short[(int)(seconds * rate)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / rate));
        }

        var wav = new PcmAudio(samples, rate).ToWav();
        BitConverter.TryWriteBytes(wav.AsSpan(4, 4), uint.MaxValue);
        BitConverter.TryWriteBytes(wav.AsSpan(40, 4), uint.MaxValue);
        return wav;
    }
}
