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

namespace Serverless.Functions.Tests.Providers;

/// <summary>A request the server saw: path, bearer key, the body's model and, for chat, each message's content.</summary>
public sealed record WireRequest(string Path, string? Authorization, string? Model, IReadOnlyList<string>? Messages = null);

/// <summary>
/// Kestrel on 127.0.0.1 and a random port speaking OpenAI's wire format for image generations
/// (<c>/v1/images/generations</c>, b64_json; <see cref="ImageStatus"/> instead when set), speech (<c>/v1/audio/speech</c>, WAV)
/// and chat completions (<c>/v1/chat/completions</c>: the next of <see cref="ChatReplies"/> when a test queued one, else
/// <see cref="ChatAnswer"/>'s reply to the last message when set, else that message echoed; <see cref="ChatInputTokens"/> and
/// <see cref="ChatOutputTokens"/> as its usage).
/// </summary>
public sealed class OpenAIWireServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<WireRequest> _requests = new();

    private OpenAIWireServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public int? ImageStatus { get; set; }

    /// <summary>The assistant's reply to the last message's text; null echoes it.</summary>
    public Func<string, string>? ChatAnswer { get; set; }

    public const int ChatInputTokens = 1200;
    public const int ChatOutputTokens = 300;

    public IReadOnlyList<WireRequest> Requests => _requests.ToArray();

    /// <summary>Replies the chat route gives in turn, one per completion, before it goes back to echoing.</summary>
    public ConcurrentQueue<string> ChatReplies { get; } = new();

    public static async Task<OpenAIWireServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new OpenAIWireServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single() + "/v1";
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = JsonNode.Parse(await reader.ReadToEndAsync());
        var path = context.Request.Path.Value ?? "";
        var messages = body?["messages"]?.AsArray().Select(m => m?["content"]?.ToString() ?? "").ToList();
        _requests.Enqueue(new WireRequest(path, context.Request.Headers.Authorization.FirstOrDefault(), body?["model"]?.GetValue<string>(), messages));
        context.Response.ContentType = "application/json";
        if (path == "/v1/audio/speech")
        {
            // Half a second of a 440 Hz tone at 24 kHz, as OpenAI answers response_format "wav".
            var samples = Enumerable.Range(0, 12_000).Select(i => (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 24_000.0))).ToArray();
            context.Response.ContentType = "audio/wav";
            await context.Response.Body.WriteAsync(new PcmAudio(samples, 24_000).ToWav());
            return;
        }

        if (path == "/v1/chat/completions")
        {
            var last = messages?.LastOrDefault() ?? "";
            var content = ChatReplies.TryDequeue(out var queued) ? queued : ChatAnswer is { } answering ? answering(last) : "You said: " + last;
            var reply = new JsonObject
            {
                ["id"] = "chatcmpl-wire",
                ["object"] = "chat.completion",
                ["created"] = 1_700_000_000,
                ["model"] = body?["model"]?.GetValue<string>(),
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["finish_reason"] = "stop",
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = ChatInputTokens, ["completion_tokens"] = ChatOutputTokens, ["total_tokens"] = ChatInputTokens + ChatOutputTokens },
            };
            await context.Response.WriteAsync(reply.ToJsonString());
            return;
        }

        if (path != "/v1/images/generations")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync("""{"error":{"message":"no such route"}}""");
            return;
        }

        if (ImageStatus is { } status)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync("""{"error":{"message":"scripted failure","type":"server_error"}}""");
            return;
        }

        var size = body?["size"]?.GetValue<string>() ?? "1024x1024";
        var (width, height) = (int.Parse(size.Split('x')[0]), int.Parse(size.Split('x')[1]));
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(new SKColor(20, 200, 40));
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        var answer = new JsonObject
        {
            ["created"] = 1_700_000_000,
            ["data"] = new JsonArray(new JsonObject { ["b64_json"] = Convert.ToBase64String(png.ToArray()) }),
        };
        await context.Response.WriteAsync(answer.ToJsonString());
    }
}
