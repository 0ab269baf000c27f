using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Serverless.Functions.Tests.Triggers;

/// <summary>One request as the receiver saw it, and whether its signature checked out.</summary>
public sealed record ReceivedWebhook(string? Id, string? Timestamp, string? Signature, string Body, bool SignatureValid, int Answered);

/// <summary>
/// A local HTTP receiver that verifies Standard Webhooks signatures with its own code (not the app's): the secret's
/// base64 key, HMAC-SHA256 over "id.timestamp.body", any of the space-separated "v1,..." signatures, and a timestamp
/// within five minutes. It answers the status codes it is given, in order, then 200.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<int> _answers;
    private readonly Task _loop;

    public WebhookReceiver(params int[] answers)
    {
        _answers = new ConcurrentQueue<int>(answers);
        (_listener, Url) = Listen();
        _loop = Task.Run(LoopAsync);
    }

    public string Url { get; }
    public string? Secret { get; set; }
    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (Received.Count < count && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
        }

        return Received.ToList();
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var id = context.Request.Headers["webhook-id"];
            var timestamp = context.Request.Headers["webhook-timestamp"];
            var signature = context.Request.Headers["webhook-signature"];
            var status = _answers.TryDequeue(out var next) ? next : 200;
            Received.Enqueue(new ReceivedWebhook(id, timestamp, signature, body, Verify(id, timestamp, signature, body), status));
            context.Response.StatusCode = status;
            context.Response.Close();
        }
    }

    private bool Verify(string? id, string? timestamp, string? signatures, string body)
    {
        if (Secret is null || id is null || signatures is null || !long.TryParse(timestamp, out var seconds)
            || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 300)
        {
            return false;
        }

        using var hmac = new HMACSHA256(Convert.FromBase64String(Secret["whsec_".Length..]));
        var expected = hmac.ComputeHash(Encoding.UTF8.GetBytes(id + "." + timestamp + "." + body));
        return signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s.StartsWith("v1,", StringComparison.Ordinal))
            .Any(s => CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(s[3..]), expected));
    }

    /// <summary>
    /// Listens on a port the system just said was free; another test process can take it in between (a full run starts
    /// many listeners at once), so a taken port is given up for another.
    /// </summary>
    internal static (HttpListener Listener, string Url) Listen(string path = "/hooks/")
    {
        for (var attempt = 1; ; attempt++)
        {
            var url = $"http://127.0.0.1:{FreePort()}{path}";
            var listener = new HttpListener();
            listener.Prefixes.Add(url);
            try
            {
                listener.Start();
                return (listener, url);
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
