using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Serverless.Contracts;
using Serverless.Contracts.Rendering;

namespace Serverless.Media.Tests.Fixtures;

/// <summary>
/// Stands in for the function app's raise-event endpoint: a real HTTP server on a free local port that records
/// every <see cref="RenderCompleted"/> posted to it. It can refuse the first few posts to exercise retries, or
/// answer every post 409 as for an orchestration that has ended (its video cancelled, its project deleted).
/// </summary>
public sealed class CompletionReceiver : IAsyncDisposable
{
    private readonly Channel<(RenderCompleted Event, string Query)> _received = Channel.CreateUnbounded<(RenderCompleted, string)>();
    private readonly WebApplication _app;
    private int _refusalsLeft;
    private bool _ended;

    private CompletionReceiver(WebApplication app) => _app = app;

    public int Attempts;

    /// <summary>Every progress report posted, in arrival order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<RenderProgressReport> Progress { get; } = new();

    public Uri ProgressUrlFor(string instanceId) =>
        new($"{_app.Urls.First()}/runtime/webhooks/durabletask/instances/{instanceId}/raiseEvent/{RenderProgressReport.EventName}?code=secret-token");

    public static async Task<CompletionReceiver> StartAsync(int refuseFirst = 0, bool ended = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new CompletionReceiver(app) { _refusalsLeft = refuseFirst, _ended = ended };
        app.MapPost("/{**path}", async (HttpRequest request) =>
        {
            if (request.Path.Value?.EndsWith($"/raiseEvent/{RenderProgressReport.EventName}", StringComparison.Ordinal) == true)
            {
                receiver.Progress.Enqueue((await JsonSerializer.DeserializeAsync<RenderProgressReport>(request.Body, JobJson.Options))!);
                return receiver._ended ? Results.Conflict() : Results.Accepted();
            }

            Interlocked.Increment(ref receiver.Attempts);
            if (receiver._ended)
            {
                return Results.Conflict();
            }

            if (Interlocked.Decrement(ref receiver._refusalsLeft) >= 0)
            {
                return Results.StatusCode(503);
            }

            var completed = await JsonSerializer.DeserializeAsync<RenderCompleted>(request.Body, JobJson.Options);
            receiver._received.Writer.TryWrite((completed!, request.QueryString.Value ?? ""));
            return Results.Accepted();
        });
        await app.StartAsync();
        return receiver;
    }

    public Uri UrlFor(string instanceId) =>
        new($"{_app.Urls.First()}/runtime/webhooks/durabletask/instances/{instanceId}/raiseEvent/{RenderCompleted.EventName}?code=secret-token");

    public async Task<(RenderCompleted Event, string Query)> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await _received.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No RenderCompleted arrived within {timeout}.");
        }
    }

    public bool TryTakeExtra(out RenderCompleted? completed)
    {
        var got = _received.Reader.TryRead(out var item);
        completed = got ? item.Event : null;
        return got;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
